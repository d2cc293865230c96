// The HTML reports, rendered in Node: escaping of everything a submission controls, safe folder
// names, every plot kind, the class statistics, both languages, and the files writeReports writes.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { Plot } from '../core/plots.ts'
import type { BatchResult, StudentResult } from '../core/results.ts'
import type { ScoredTest, ScoredTopic, TopicStatus } from '../core/scoring.ts'
import { leastSquares, mse, regressionData, renderPlot } from '../report/charts.ts'
import { assignDirNames, renderClassPage, renderStudentReport, safeDirName, writeReports, writeStudentReport } from '../report/index.ts'
import { cleanText, escapeHtml } from '../report/text.ts'
import { PNG } from 'pngjs'
import { encodePng } from '../report/png.ts'

const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
const hint = { en: 'an English hint', 'zh-TW': '中文提示' }

function test(id: string, status: ScoredTest['status'], extra: Partial<ScoredTest> = {}): ScoredTest {
  return { id, title: `${id} title`, points: status === 'passed' ? 2 : 0, max: 2, status, hidden: false, hint, ...extra }
}

function topicOf(name: string, status: TopicStatus, tests: ScoredTest[], reason?: string): ScoredTopic {
  const score = tests.reduce((s, t) => s + t.points, 0)
  return { topic: name, title: { en: `Title of ${name}`, 'zh-TW': `${name} 的標題` }, score, max: tests.reduce((s, t) => s + t.max, 0), status, tests, ...(reason ? { reason } : {}) }
}

function student(id: string, topics: ScoredTopic[], extra: Partial<StudentResult> = {}): StudentResult {
  const total = topics.reduce((s, t) => s + t.score, 0)
  const max = topics.reduce((s, t) => s + t.max, 0)
  return { id, source: `${id}.zip`, status: 'graded', score: { topics, total, max }, seed: 7, durationMs: 1234, hash: 'h', ...extra }
}

const searchPlot: Plot = { kind: 'search-path', title: 'a path', dataset: 'linear_regression1', student: [[-4, 4], [-3.5, 3.5], [NaN, 1]], reference: [[-4, 4], [-3.5, 3.5], [-3, 3]] }
const curvesPlot: Plot = { kind: 'curves', title: 'losses', xLabel: 'step', yLabel: 'loss', series: [{ name: 'yours', values: [4, 2, 1, Infinity, 0.5] }, { name: 'reference', values: [4, 1, 0.5, 0.2, 0.1] }] }
const grid = (f: (x: number, y: number) => number, n = 12) => Array.from({ length: n * n }, (_, k) => f(-5 + (10 * (k % n)) / (n - 1), -5 + (10 * Math.floor(k / n)) / (n - 1)))
const boundaryPlot: Plot = { kind: 'decision-boundary', title: 'boundary', dataset: 'logistic_regression1', extent: [-5, 5, -5, 5], resolution: 12, student: grid((x) => 1 / (1 + Math.exp(-x))), reference: grid((x, y) => 1 / (1 + Math.exp(-x - y))) }
/** Two 4×4 feature maps, channels first (as the tests record them). */
const maps = (k: number) => [(x: number, y: number) => x - y, (x: number, y: number) => k * x * y].map((f) => Array.from({ length: 4 }, (_, y) => Array.from({ length: 4 }, (_, x) => f(x, y))))
const featurePlot: Plot = { kind: 'feature-maps', title: 'maps', input: Array.from({ length: 6 }, (_, y) => Array.from({ length: 6 }, (_, x) => (x + y) / 10)), student: maps(1), reference: maps(-1) }

/** Event-handler attributes in real tags ("<" in text is escaped, so every "<" opens a tag). */
function handlerAttributes(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]).filter((tag) => /\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"|'[^']*'/g, '""')))
}

const tmp: string[] = []
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'report-spec-'))
  tmp.push(d)
  return d
}

describe('text from submissions', () => {
  it('escapeHtml escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`=`)).toBe('&lt;a href&#61;&quot;x&quot; onclick&#61;&#39;y&#39;&gt;&amp;&#96;&#61;')
  })
  it('cleanText drops terminal colour codes and control characters and caps the length', () => {
    expect(cleanText('\x1b[31mred\x1b[0m\x07 ok\r\nnext')).toBe('red ok\nnext')
    expect(cleanText('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)} … (40 more characters)`)
  })
  it('folder names for ids cannot leave the output folder, hide, or collide', () => {
    for (const id of ['../../etc', '..', '.', '.hidden', '-rf', 'a/b', 'a\\b', 'lessons', 'Report', 'index.html', 'CON', '', ' ', XSS, 'x'.repeat(300), 'a\u0000b']) {
      const name = safeDirName(id)
      expect(name, id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{8}$/)
      expect(name.length, id).toBeLessThanOrEqual(73)
    }
    // The batch grader's ids (grader/batch/discover.ts) stay as they are: same folder as its other files.
    for (const id of ['alice', 's1234.smith', 'ann@example.org', '王小明', 'bob~2', '_report', 'ü-名字']) expect(safeDirName(id)).toBe(id)
    const dirs = assignDirNames(['a/b', 'a?b', 'Alice', 'alice', 'alice'])
    expect(new Set([...dirs.values()].map((d) => d.toLowerCase())).size).toBe(4)
  })
  it(`a report shows ${XSS} from every untrusted field as text, never as markup`, async () => {
    const plot: Plot = { kind: 'curves', title: XSS, xLabel: XSS, yLabel: XSS, series: [{ name: XSS, values: [1, 2] }] }
    const hostile = student(XSS, [
      topicOf('01-limits', 'partial', [
        test('limit.lecture', 'failed', {
          title: XSS,
          failure: { outcome: 'failed', summary: XSS, counterexample: `    f = ${XSS}`, expected: XSS, received: XSS, tolerance: XSS, seed: 1, propertySeed: 2, reproduce: XSS, hint: XSS },
          plots: [plot],
        }),
        test('limit.continuous', 'error', { message: XSS }),
        test('limit.removable', 'passed'),
      ], XSS),
    ], { source: XSS, output: `printed ${XSS}`, diagnostics: [{ kind: 'type-error', topic: XSS, message: XSS }, { kind: 'files', message: XSS }], backend: XSS, error: XSS })
    const html = await renderStudentReport(hostile, { lang: 'en' })
    expect(html.match(/<script/g)).toHaveLength(1) // the report's own script
    expect(html).not.toMatch(/<img src=x/)
    expect(handlerAttributes(html)).toEqual([])
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;')
    const batch: BatchResult = { courseVersion: XSS, seed: 1, startedAt: XSS, finishedAt: XSS, students: [hostile] }
    const page = await renderClassPage(batch, { lang: 'en' })
    expect(page.match(/<script/g)).toHaveLength(1)
    expect(page).not.toMatch(/<img src=x/)
    expect(handlerAttributes(page)).toEqual([])
  })
  it("the page's Content-Security-Policy lets only the report's own script run", async () => {
    const html = await renderStudentReport(student('s', []), { lang: 'en' })
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!.replaceAll('&#x27;', "'").replaceAll('&#x3D;', '=')
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`)
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  })
})

describe('plots', () => {
  it('the MSE surface and least squares of a data set', () => {
    const data = { xs: [0, 1, 2], ys: [1, 3, 5] }
    expect(mse(2, 1, data)).toBe(0)
    expect(mse(0, 0, data)).toBeCloseTo((1 + 9 + 25) / 3, 12)
    const [w, b] = leastSquares(data)
    expect(w).toBeCloseTo(2, 12)
    expect(b).toBeCloseTo(1, 12)
    expect(regressionData('linear_regression2/100').xs[0]).toBeCloseTo(regressionData('linear_regression2').xs[0]! / 100, 12)
  })
  it('draws every kind: SVG for paths, curves and boundaries, images for feature maps, with a text summary', async () => {
    for (const plot of [searchPlot, curvesPlot, boundaryPlot, featurePlot]) {
      const rendered = await renderPlot(plot, 'en')
      expect(rendered.kind, plot.kind).toBe(plot.kind)
      expect(rendered.html, plot.kind).toMatch(plot.kind === 'feature-maps' ? /<img class="pixelated" src="data:image\/png;base64,/ : /^(<div class="panels">)?<svg role="img" aria-label="/)
      expect(rendered.summary.length, plot.kind).toBeGreaterThan(0)
    }
    const path = await renderPlot(searchPlot, 'en')
    expect(path.html).toContain('<path') // the contours
    expect(path.summary.join(' ')).toContain('contours: MSE on linear_regression1')
    expect(path.summary.join(' ')).toContain('your path: 2 steps from (-4, 4) to (-3.5, 3.5)')
    const maps = await renderPlot(featurePlot, 'en')
    expect(maps.summary).toContain('channel 1: max |yours − reference| = 0.0')
    expect(maps.summary).toContain('channel 2: max |yours − reference| = 18')
  })
  it('ids inside SVGs are unique on a page, so clip paths of one chart never apply to another', async () => {
    const a = (await renderPlot(searchPlot, 'en')).html
    const b = (await renderPlot(searchPlot, 'en')).html
    const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
    expect(ids(a).length).toBeGreaterThan(0)
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([])
  })
  it('a plot that cannot be drawn says why instead of failing the report', async () => {
    const bad = [
      { kind: 'pie', title: 'x' },
      { ...boundaryPlot, student: [1, 2, 3] },
      { ...boundaryPlot, dataset: 'nope' },
      { ...featurePlot, reference: [[[1], [2, 3]]] },
      { ...curvesPlot, series: [] },
      { ...searchPlot, student: [[NaN, NaN]], reference: [] , dataset: 'nope' },
    ] as unknown as Plot[]
    for (const plot of bad) {
      const rendered = await renderPlot(plot, 'en')
      expect(rendered.kind, JSON.stringify(plot).slice(0, 80)).toBe('invalid')
      expect(rendered.summary[0]).toMatch(/^This plot could not be drawn: /)
    }
    // Feature maps the student's conv2d could not produce still show the input and the reference.
    const noMaps = await renderPlot({ ...featurePlot, student: [] }, 'en')
    expect(noMaps.kind).toBe('feature-maps')
    expect(noMaps.summary).toContain('your conv2d gave no feature maps to show')
    // A search path on an unknown data set is still drawn, without contours.
    const noContours = await renderPlot({ ...searchPlot, dataset: 'nope' }, 'en')
    expect(noContours.kind).toBe('search-path')
    expect(noContours.summary[0]).toContain('no contours: unknown data set "nope"')
  })
  it('writes valid PNGs', () => {
    const png = encodePng(2, 1, (x) => [x * 255, 0, 0])
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.readUInt32BE(16)).toBe(2)
    expect(png.readUInt32BE(20)).toBe(1)
    // Decoded again, the pixels are the ones drawn (RGB, 8 bits).
    const decoded = PNG.sync.read(png)
    expect([...decoded.data]).toEqual([0, 0, 0, 255, 255, 0, 0, 255])
    expect(png[25]).toBe(2) // colour type RGB
  })
})

describe('the student report', () => {
  const statuses: [TopicStatus, string][] = [
    ['timed-out', 'did not return in time'],
    ['crashed', 'The process running your code ended'],
    ['forbidden-import', 'imports a module that exercise code may not use'],
    ['load-error', 'could not load your code'],
    ['not-started', 'still throws &quot;not implemented&quot;'],
  ]
  it.each(statuses)('a topic that %s says why, with the reason', async (status, why) => {
    const html = await renderStudentReport(student('s', [topicOf('01-limits', status, [test('limit.lecture', 'not-run')], `the reason for ${status}`)]), { lang: 'en' })
    expect(html).toContain(why)
    expect(html).toContain(`the reason for ${status}`)
  })
  it('shows score, seed, every test with status, points, message, counterexample, expected/received, reproduce command, hint and lesson link', async () => {
    const failed = test('limit.jump', 'failed', {
      lesson: 'when-there-is-no-limit',
      failure: { outcome: 'failed', summary: 'the one-sided limits differ', counterexample: '    f = x => x\n    a = 0', shrinks: 4, expected: 'NaN', received: '1', tolerance: 'abs 1e-4', seed: 99, propertySeed: 123, reproduce: 'COURSE_SEED=99 npm test -- 01', hint: 'x' },
    })
    const html = await renderStudentReport(student('s', [topicOf('01-limits', 'partial', [failed, test('limit.lecture', 'passed')])]), { lang: 'en', lessonsHref: 'L/' })
    for (const text of ['score-num">2</span> / 4 points', 'limit.jump', 'the one-sided limits differ', 'Smallest failing input (after 4 shrinks)', 'f &#x3D; x &#x3D;&gt; x\na &#x3D; 0', 'NaN', 'abs 1e-4', 'COURSE_SEED&#x3D;99 npm test -- 01', 'seed 99, property seed 123', 'an English hint', 'href="L/01-limits.html#when-there-is-no-limit"', 'Read the lesson: When there is no limit']) {
      expect(html, text).toContain(text)
    }
  })
  it('is in Traditional Chinese when asked, with the manifest hints in Chinese', async () => {
    const html = await renderStudentReport(student('s', [topicOf('01-limits', 'partial', [test('limit.jump', 'failed'), test('limit.lecture', 'passed')])]), { lang: 'zh-TW' })
    expect(html).toContain('<html lang="zh-TW">')
    expect(html).toContain('s 的成績報告')
    expect(html).toContain('中文提示')
    expect(html).toContain('01-limits 的標題')
    expect(html).toContain('未通過')
  })
  it('a rejected submission says why it could not be graded', async () => {
    const html = await renderStudentReport(student('s', [], { status: 'rejected', error: 'not a zip file' }), { lang: 'en' })
    expect(html).toContain('This submission could not be graded')
    expect(html).toContain('not a zip file')
  })
})

describe('the class page', () => {
  const batch: BatchResult = {
    courseVersion: 'v1', seed: 3, startedAt: '2026-11-30T09:00:00Z', finishedAt: '2026-11-30T09:05:00Z',
    students: [
      student('ann', [topicOf('01-limits', 'passed', [test('a.easy', 'passed'), test('a.hard', 'passed')])]),
      student('ben', [topicOf('01-limits', 'partial', [test('a.easy', 'passed'), test('a.hard', 'failed')])]),
      student('cy', [topicOf('01-limits', 'timed-out', [test('a.easy', 'passed'), test('a.hard', 'timeout')], 'looped for ever')]),
      student('dee', [topicOf('01-limits', 'forbidden-import', [test('a.easy', 'not-run'), test('a.hard', 'not-run')], 'Forbidden import "fs"')]),
      student('eve', [], { status: 'rejected', error: 'corrupt zip' }),
    ],
  }
  it('lists pass rates hardest first, every student, and flags timeouts, refused imports and rejected submissions', async () => {
    const html = await renderClassPage(batch, { lang: 'en' })
    expect(html.indexOf('<code>a.hard</code>')).toBeLessThan(html.indexOf('<code>a.easy</code>'))
    expect(html).toContain('25%') // a.hard: 1 of 4 graded students
    for (const id of ['ann', 'ben', 'cy', 'dee', 'eve']) expect(html).toContain(`href="${id}/report.html">${id}</a>`)
    for (const text of ['looped for ever', 'Forbidden import &quot;fs&quot;', 'corrupt zip', 'submission rejected', 'timed out', 'forbidden import']) expect(html, text).toContain(text)
    expect(html).toContain('data-plot-kind="histogram"')
    expect(html).toContain('data-plot-kind="topic-means"')
  })
})

describe('writeReports', () => {
  it('writes index.html, a report per student in a safe folder, and the lessons every link points to', async () => {
    const out = tempDir()
    const batch: BatchResult = {
      courseVersion: 'v', seed: 1, startedAt: '2026-11-30T09:00:00Z', finishedAt: '2026-11-30T09:00:00Z',
      students: [
        student('ann', [topicOf('01-limits', 'partial', [test('limit.jump', 'failed', { lesson: 'when-there-is-no-limit' }), test('limit.lecture', 'passed')])]),
        student('../evil', []),
        student(XSS, []),
      ],
    }
    await writeReports(out, batch, { lang: 'en' })
    const entries = readdirSync(out).sort()
    expect(entries).toContain('index.html')
    expect(entries).toContain('lessons')
    expect(entries).toContain('ann')
    expect(entries.filter((e) => e !== 'index.html' && e !== 'lessons')).toHaveLength(3)
    expect(existsSync(path.join(out, '..', 'evil'))).toBe(false)
    for (const dir of entries.filter((e) => e !== 'index.html' && e !== 'lessons')) {
      const html = readFileSync(path.join(out, dir, 'report.html'), 'utf8')
      for (const [, href] of html.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) expect(existsSync(path.join(out, dir, href!)), `${dir}: ${href}`).toBe(true)
    }
    const index = readFileSync(path.join(out, 'index.html'), 'utf8')
    for (const [, href] of index.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) expect(existsSync(path.join(out, href!)), href).toBe(true)
    const ann = readFileSync(path.join(out, 'ann', 'report.html'), 'utf8')
    expect(ann).toContain('href="../lessons/01-limits.html#when-there-is-no-limit"')
    expect(ann).toContain('href="../index.html"')
  })
  it("writes one student's report with its lessons beside it (a student's own npm run report)", async () => {
    const out = tempDir()
    const file = await writeStudentReport(out, student('me', [topicOf('01-limits', 'partial', [test('limit.jump', 'failed', { lesson: 'when-there-is-no-limit' })])]), { lang: 'en' })
    expect(file).toBe(path.join(out, 'report.html'))
    expect(readFileSync(file, 'utf8')).toContain('href="lessons/01-limits.html#when-there-is-no-limit"')
    expect(existsSync(path.join(out, 'lessons', '01-limits.html'))).toBe(true)
  })
  it('pages are self-contained: no external stylesheet, script, font or image', async () => {
    const html = await renderStudentReport(student('s', [topicOf('05-x', 'partial', [test('x.y', 'failed', { plots: [searchPlot, curvesPlot, boundaryPlot, featurePlot] })])]), { lang: 'en' })
    expect(html).not.toMatch(/<link\b/)
    expect(html).not.toMatch(/\ssrc="(?!data:)/)
    expect(html).not.toMatch(/url\((?!#|data:)/)
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/)
  })
})
