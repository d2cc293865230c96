// Writes every output of a batch into its folder, each file whole or not at all.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { writeFileAtomic } from '../../core/atomic-write.ts'
import { currentLang } from '../../core/lang.ts'
import type { BatchResult } from '../../core/results.ts'
import { gradebookCsv, gradesCsv } from './grades-csv.ts'
import { gradescopeResults } from './gradescope.ts'
import { junitXml } from './junit.ts'
import { summaryMarkdown } from './summary.ts'

export const OUTPUT_FILES = ['results.json', 'grades.csv', 'gradebook.csv', 'junit.xml', 'summary.md'] as const

/** The gradebook column's name when the teacher gives none (--assignment). */
export const DEFAULT_ASSIGNMENT = 'ML exercises'

export async function writeOutputs(outDir: string, batch: BatchResult, options: { html?: boolean } = {}): Promise<string[]> {
  const lang = currentLang()
  const warnings: string[] = []
  // Per-student files first: results.json, written last, is what marks the batch as complete.
  for (const student of batch.students) {
    writeFileAtomic(path.join(outDir, student.id, 'gradescope.json'), `${JSON.stringify(gradescopeResults(student, lang), null, 2)}\n`)
  }
  writeFileAtomic(path.join(outDir, 'grades.csv'), gradesCsv(batch))
  writeFileAtomic(path.join(outDir, 'gradebook.csv'), gradebookCsv(batch, { assignment: batch.assignment ?? DEFAULT_ASSIGNMENT, roster: batch.roster }))
  writeFileAtomic(path.join(outDir, 'junit.xml'), junitXml(batch, lang))
  writeFileAtomic(path.join(outDir, 'summary.md'), summaryMarkdown(batch))
  writeFileAtomic(path.join(outDir, 'results.json'), `${JSON.stringify(batch, null, 1)}\n`)
  const reportProblem = options.html === false ? undefined : await writeHtmlReports(outDir, batch)
  if (reportProblem) warnings.push(reportProblem)
  return warnings
}

const REPORT_MODULE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'report', 'index.ts')

/**
 * >>> HTML REPORTS CALL SITE <<<
 * The HTML reports (grader/report/index.ts, `writeReports(outDir, batch)`) are made from the same
 * BatchResult. They are optional: until that module exists, or if it fails, the other outputs stand.
 */
async function writeHtmlReports(outDir: string, batch: BatchResult): Promise<string | undefined> {
  if (!existsSync(REPORT_MODULE)) return undefined
  try {
    const reports = (await import(pathToFileURL(REPORT_MODULE).href)) as { writeReports?: (outDir: string, batch: BatchResult) => unknown }
    if (typeof reports.writeReports !== 'function') return 'grader/report/index.ts has no writeReports(outDir, batch): HTML reports were not written'
    await reports.writeReports(outDir, batch)
    return undefined
  } catch (error) {
    return `the HTML reports could not be written: ${(error as Error).message}`
  }
}
