// The HTML reports: one page per student, a class page, and the lessons they link to. Each page is a
// single self-contained file (inline CSS, SVG plots, KaTeX with embedded fonts, no network), so it
// works offline and can be mailed to a student.
//
//   writeReports(outDir, batch)            index.html, <id>/report.html, lessons/NN-topic.html
//   renderStudentReport(student, options)  one student's page, as a string
//   writeStudentReport(outDir, student)    report.html and lessons/ for one student (`npm run report`)
import path from 'node:path'
import { writeFileAtomic } from '../core/atomic-write.ts'
import { currentLang } from '../core/lang.ts'
import { loadManifest } from '../core/manifest.ts'
import type { BatchResult, StudentResult } from '../core/results.ts'
import type { Lang } from '../core/i18n.ts'
import { katexStyles, lessonTopics, renderLessonMarkdown } from './lessons.ts'
import { type LessonIndex, classView, studentView } from './model.ts'
import { assets, renderTemplate, safe } from './templates.ts'
import { assignDirNames } from './text.ts'

export { safeDirName, assignDirNames } from './text.ts'
export type { Lang } from '../core/i18n.ts'

export interface ReportOptions {
  /** UI language: `en` or `zh-TW` (default: COURSE_LANG or the system locale). */
  lang?: Lang
  /**
   * URL of the rendered lessons relative to the report, ending in `/` (writeReports sets
   * `../lessons/`). Without it, tests do not link to lessons.
   */
  lessonsHref?: string
  /** Link back to the class page, relative to the report. */
  classHref?: string
  /** The time printed in the footer (default: now). */
  generatedAt?: Date | string
}

const LESSONS_DIR = 'lessons'

/** The lessons that render; a lesson that cannot is left out (and not linked) with a warning. */
function renderableLessons(): string[] {
  return lessonTopics().filter((topic) => {
    try {
      renderLessonMarkdown(topic)
      return true
    } catch (error) {
      process.emitWarning(`lesson ${topic} could not be rendered and is not linked: ${(error as Error).message}`)
      return false
    }
  })
}

function lessonIndex(href: string): LessonIndex {
  const sections = new Map<string, Map<string, string>>()
  for (const topic of renderableLessons()) {
    const render = renderLessonMarkdown(topic)
    sections.set(topic, new Map(render.headings.map((h) => [h.id, h.text])))
  }
  return { href, sections }
}

const isoDate = (d: Date | string | undefined) => (d === undefined ? new Date() : new Date(d)).toISOString()

/** One student's report as a self-contained HTML page. */
export async function renderStudentReport(student: StudentResult, options: ReportOptions = {}): Promise<string> {
  const lang = options.lang ?? currentLang()
  const view = await studentView(student, {
    lang,
    lessons: options.lessonsHref !== undefined ? lessonIndex(options.lessonsHref) : undefined,
    classHref: options.classHref,
    generatedAt: isoDate(options.generatedAt),
  })
  return renderTemplate('student', { ...view, ...assets() })
}

/** The class page (index.html) for a batch; `reportHref` maps an id to its report's URL. */
export async function renderClassPage(batch: BatchResult, options: ReportOptions & { reportHref?: (id: string) => string } = {}): Promise<string> {
  const lang = options.lang ?? currentLang()
  const dirs = assignDirNames((batch.students ?? []).map((s) => s.id))
  const view = await classView(batch, {
    lang,
    reportHref: options.reportHref ?? ((id) => `${encodeURIComponent(dirs.get(id)!)}/report.html`),
    lessons: options.lessonsHref !== undefined ? lessonIndex(options.lessonsHref) : undefined,
    generatedAt: isoDate(options.generatedAt),
  })
  return renderTemplate('class', { ...view, ...assets() })
}

/** A topic's lesson (exercises/NN-topic/README.md) as a self-contained page. */
export function renderLesson(topic: string, options: Pick<ReportOptions, 'lang'> = {}): string {
  const lang = options.lang ?? currentLang()
  const render = renderLessonMarkdown(topic)
  if (render.mathErrors.length) {
    process.emitWarning(`lesson ${topic}: KaTeX could not render ${render.mathErrors.length} formula(s):\n  ${render.mathErrors.join('\n  ')}`)
  }
  let title = render.title
  try {
    const manifest = loadManifest(topic)
    title = `${topic.slice(0, 2)} · ${manifest.title[lang]}`
  } catch {
    // A lesson without a valid manifest keeps its own first heading as the title.
  }
  return renderTemplate('lesson', {
    lang,
    pageTitle: title,
    topic,
    sections: render.headings.filter((h) => h.level === 2),
    body: safe(render.html),
    katexCss: safe(katexStyles(render.html)),
    ...assets(),
  })
}

/** Writes every lesson page into `dir`; returns the topics written. */
export function writeLessons(dir: string, options: Pick<ReportOptions, 'lang'> = {}): string[] {
  const topics = renderableLessons()
  for (const topic of topics) writeFileAtomic(path.join(dir, `${topic}.html`), renderLesson(topic, options))
  return topics
}

/**
 * Writes the reports of a batch into `outDir`: `index.html` (the class page), `<id>/report.html` for
 * each student (ids cleaned into safe, distinct folder names) and `lessons/NN-topic.html`.
 */
export async function writeReports(outDir: string, batch: BatchResult, options: Omit<ReportOptions, 'lessonsHref' | 'classHref'> = {}): Promise<void> {
  const lang = options.lang ?? currentLang()
  const generatedAt = isoDate(options.generatedAt)
  writeLessons(path.join(outDir, LESSONS_DIR), { lang })
  const dirs = assignDirNames((batch.students ?? []).map((s) => s.id))
  for (const student of batch.students ?? []) {
    const html = await renderStudentReport(student, { lang, lessonsHref: `../${LESSONS_DIR}/`, classHref: '../index.html', generatedAt })
    writeFileAtomic(path.join(outDir, dirs.get(student.id)!, 'report.html'), html)
  }
  writeFileAtomic(path.join(outDir, 'index.html'), await renderClassPage(batch, { lang, lessonsHref: `${LESSONS_DIR}/`, reportHref: (id) => `${encodeURIComponent(dirs.get(id)!)}/report.html`, generatedAt }))
}

/** Writes one student's report as `outDir/report.html` with its lessons in `outDir/lessons/`. */
export async function writeStudentReport(outDir: string, student: StudentResult, options: Pick<ReportOptions, 'lang' | 'generatedAt'> = {}): Promise<string> {
  const lang = options.lang ?? currentLang()
  writeLessons(path.join(outDir, LESSONS_DIR), { lang })
  const file = path.join(outDir, 'report.html')
  writeFileAtomic(file, await renderStudentReport(student, { lang, lessonsHref: `${LESSONS_DIR}/`, generatedAt: options.generatedAt }))
  return file
}
