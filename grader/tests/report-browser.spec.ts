// The HTML reports in a real browser: headless Chromium (Debian's package, installed by .ci/run)
// opens the class page, student reports and a lesson written from the sample batch, and checks that
// nothing errs, every plot is drawn, every link resolves, nothing reaches the network, markup from a
// submission stays text, the pages fit a phone, and axe-core finds no serious or critical problem.
// Screenshots go to reports/browser-test/ (and to grader/report/screenshots/ with
// COURSE_UPDATE_SCREENSHOTS=1, for the README). COURSE_REPORT_BATCH=<results.json> checks the
// reports of a real batch instead (e.g. `npm run grade -- --sample`).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORTS_DIR } from '../core/paths.ts'
import type { BatchResult } from '../core/results.ts'
import { type Browser, launchChromium, missingChromiumMessage } from '../report/browser.ts'
import { assignDirNames, writeReports } from '../report/index.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const FIXTURE = path.join(HERE, '..', 'report', 'fixtures', 'sample-batch.json')
const SCREENSHOTS = path.join(HERE, '..', 'report', 'screenshots')
const SHOTS_OUT = path.join(REPORTS_DIR, 'browser-test')
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

const custom = process.env.COURSE_REPORT_BATCH
const batch = JSON.parse(readFileSync(custom || FIXTURE, 'utf8')) as BatchResult
const dirs = assignDirNames(batch.students.map((s) => s.id))
const plotKinds = (s: BatchResult['students'][number]) => new Set(s.score.topics.flatMap((t) => t.tests.flatMap((x) => (x.plots ?? []).map((p) => p.kind))))
/** A student whose id carries markup (the fixture's mallory). */
const hostile = batch.students.find((s) => s.id.includes('<script>'))
const failedWithPlots = (s: BatchResult['students'][number]) => s.score.topics.flatMap((t) => t.tests).filter((x) => x.status !== 'passed' && x.plots?.length).length
/** The student with the most kinds of plot, then the most failed tests with plots: a report with pictures of mistakes. */
const buggy = [...batch.students].sort((a, b) => plotKinds(b).size - plotKinds(a).size || failedWithPlots(b) - failedWithPlots(a) || a.score.total - b.score.total)[0]!

let out: string
let browser: Browser
const pageProblems = new Map<string, string[]>()
const offNetwork: string[] = []
const dialogs: string[] = []

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Opens a report file, recording console errors, page errors, failed loads and dialogs. */
async function open(relative: string, viewport = { width: 1000, height: 900 }): Promise<Page> {
  const page = await browser.context.newPage()
  await page.setViewportSize(viewport)
  const problems: string[] = []
  pageProblems.set(relative, problems)
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`))
  page.on('dialog', async (d) => {
    dialogs.push(`${relative}: ${d.type()} ${d.message()}`)
    await d.dismiss()
  })
  await page.goto(pathToFileURL(path.join(out, relative)).href, { waitUntil: 'load' })
  return page
}

// Code that runs in the page is written as strings: the project's TypeScript has no DOM types.
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)
}

/** Every link of the page resolves: a fragment to an element, a file to an existing file (and its fragment). */
async function brokenLinks(page: Page, from: string, { allowWeb = false } = {}): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href')!))
  const broken: string[] = []
  const idsOf = new Map<string, Set<string>>()
  for (const href of new Set(hrefs)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
      // Reports link only to report files; a lesson may cite the web (not followed: no network here).
      if (!(allowWeb && /^https?:\/\//i.test(href))) broken.push(`${href}: pages link only to other report files`)
      continue
    }
    const [file = '', fragment] = href.split('#')
    const target = file ? path.resolve(path.dirname(path.join(out, from)), decodeURIComponent(file)) : path.join(out, from)
    if (!target.startsWith(out) || !existsSync(target) || !statSync(target).isFile()) {
      broken.push(`${href}: no such file`)
      continue
    }
    if (fragment) {
      let ids = idsOf.get(target)
      if (!ids) {
        // Ids of this page from the DOM; of another page from its file (quicker than opening it).
        ids = file
          ? new Set([...readFileSync(target, 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')))
          : new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id)))
        idsOf.set(target, ids)
      }
      if (!ids.has(decodeURIComponent(fragment))) broken.push(`${href}: no element with id "${decodeURIComponent(fragment)}"`)
    }
  }
  return broken
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_OUT, { recursive: true })
  const file = path.join(SHOTS_OUT, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  if (process.env.COURSE_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false })
  }
}

const seriousOnly = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)

// Each check takes a few seconds on an idle machine; the limit leaves room for a busy CI runner.
describe('the reports in headless Chromium', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    const missing = missingChromiumMessage()
    if (missing) throw new Error(missing)
    out = mkdtempSync(path.join(os.tmpdir(), 'course-reports-'))
    await writeReports(out, batch, { lang: 'en', generatedAt: '2026-11-30T10:00:00Z' })
    browser = await launchChromium()
    // Nothing may leave the machine: every request other than file: and data: is refused and noted.
    await browser.context.route(/^(?!file:|data:)/, async (route) => {
      offNetwork.push(route.request().url())
      await route.abort()
    })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    if (out) rmSync(out, { recursive: true, force: true })
  })

  it('the class page: no errors, its charts drawn, links resolve, no serious accessibility problem', async () => {
    const page = await open('index.html')
    expect(await page.locator('figure[data-plot-kind="histogram"] svg').count()).toBe(1)
    expect(await page.locator('figure[data-plot-kind="topic-means"] svg').count()).toBe(1)
    expect(await page.locator('#students-table tbody tr').count()).toBe(batch.students.length)
    await screenshot(page, 'class-page')
    // The student table sorts when a heading is clicked.
    await page.locator('#students-table thead th').nth(1).locator('button').click()
    const totals = await page.$$eval('#students-table tbody tr td:nth-child(2)', (cells) => cells.map((c) => Number(c.getAttribute('data-sort'))))
    expect(totals).toEqual([...totals].sort((a, b) => a - b))
    expect(await brokenLinks(page, 'index.html')).toEqual([])
    expect(seriousOnly(await axe(page))).toEqual([])
    expect(pageProblems.get('index.html')).toEqual([])
    await page.close()
  })

  it("a student's report: one figure per recorded plot, each drawn; links resolve; no serious accessibility problem", async () => {
    const file = `${dirs.get(buggy.id)}/report.html`
    const page = await open(file)
    const recorded = buggy.score.topics.flatMap((t) => t.tests.flatMap((x) => (x.plots ?? []).map((p) => p.kind)))
    for (const kind of ['search-path', 'curves', 'decision-boundary', 'feature-maps'] as const) {
      const expected = recorded.filter((k) => k === kind).length
      if (!custom) expect(expected, `the fixture has ${kind} plots`).toBeGreaterThan(0)
      const figures = page.locator(`figure[data-plot-kind="${kind}"]`)
      expect(await figures.count(), kind).toBe(expected)
      for (let i = 0; i < expected; i++) {
        const drawn = figures.nth(i).locator(kind === 'feature-maps' ? 'img' : 'svg')
        expect(await drawn.count()).toBeGreaterThan(0)
        const box = await drawn.first().boundingBox()
        expect(box && box.width > 50 && box.height > 20, `${kind} #${i} has a size`).toBe(true)
      }
    }
    // The feature maps' PNGs decode.
    const decoded = await page.evaluate(`[...document.querySelectorAll('figure[data-plot-kind="feature-maps"] img')].every((img) => img.complete && img.naturalWidth > 0)`)
    expect(decoded).toBe(true)
    expect(await brokenLinks(page, file)).toEqual([])
    expect(seriousOnly(await axe(page))).toEqual([])
    // The screenshot shows a failed test with its plot: what a student sees first when something is wrong.
    const withPath = page.locator('article.status-failed:has(figure[data-plot-kind="search-path"])')
    const anyFailed = page.locator('article.status-failed:has(figure)')
    const shown = (await withPath.count()) ? withPath.first() : (await anyFailed.count()) ? anyFailed.first() : page.locator('article:has(figure)').first()
    await page.setViewportSize({ width: 1000, height: 1300 })
    const box = (await shown.count()) ? await shown.boundingBox() : null
    if (box) await page.evaluate(`window.scrollBy(0, ${Math.round(box.y) - 8})`)
    await screenshot(page, 'student-report')
    expect(pageProblems.get(file)).toEqual([])
    await page.close()
  })

  it.skipIf(custom && !hostile)('markup from a submission (id, output, messages, values) shows as text and never runs', async () => {
    const file = `${dirs.get(hostile!.id)}/report.html`
    const page = await open(file)
    const text = await page.locator('body').innerText()
    expect(text).toContain('<script>alert("xss")</script>')
    expect(text).toContain('<img src=x onerror=alert(1)>')
    expect(await page.locator('script').count()).toBe(1) // the report's own
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0)
    expect(await page.title()).toContain('<script>')
    expect(pageProblems.get(file)).toEqual([])
    await page.close()
    const index = await open('index.html')
    expect(await index.locator('body').innerText()).toContain('mallory<script>alert("xss")</script>')
    await index.close()
    expect(dialogs).toEqual([])
  })

  it('every rendered lesson: formulas drawn with their embedded fonts, no errors, links resolve; no serious accessibility problem in 01', async () => {
    const lessons = (await import('node:fs')).readdirSync(path.join(out, 'lessons'))
    expect(lessons.length).toBeGreaterThan(0)
    for (const lesson of lessons) {
      const file = `lessons/${lesson}`
      const page = await open(file)
      await page.evaluate('document.fonts.ready.then(() => true)')
      // The KaTeX faces the page embeds (family|weight|style, loaded or not) and those its formulas use.
      const fonts = (await page.evaluate(`(() => {
        const faces = [...document.fonts].map((f) => [f.family.replace(/"/g, ''), f.weight, f.style, f.status].join('|'))
        const used = new Set()
        for (const el of document.querySelectorAll('.katex-html *')) {
          if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue
          const style = getComputedStyle(el)
          const family = style.fontFamily.split(',')[0].replace(/"/g, '').trim()
          const weight = style.fontWeight === '700' ? 'bold' : style.fontWeight === '400' ? 'normal' : style.fontWeight
          if (family.startsWith('KaTeX_')) used.add([family, weight, style.fontStyle].join('|'))
        }
        return { faces, used: [...used] }
      })()`)) as { faces: string[]; used: string[] }
      const loaded = new Set(fonts.faces.filter((f) => f.endsWith('|loaded')).map((f) => f.split('|').slice(0, 3).join('|').replace('|400|', '|normal|').replace('|700|', '|bold|')))
      const missing = fonts.used.filter((u) => !loaded.has(u))
      expect(missing, `${lesson}: KaTeX text in a font the page does not embed`).toEqual([])
      expect(await page.locator('.katex-error, .math-error').count(), `${lesson}: formulas KaTeX could not render`).toBe(0)
      // The pages share one template; axe on every lesson would only repeat itself (and take long).
      if (lesson === '01-limits.html') expect(seriousOnly(await axe(page)), lesson).toEqual([])
      expect(await brokenLinks(page, file, { allowWeb: true }), lesson).toEqual([])
      expect(pageProblems.get(file), lesson).toEqual([])
      await page.close()
    }
  })

  it('every lesson reflows at 400 px: no sideways scrolling of the page; wide formulas and tables scroll in their own box', async () => {
    const lessons = (await import('node:fs')).readdirSync(path.join(out, 'lessons'))
    for (const lesson of lessons) {
      const page = await open(`lessons/${lesson}`, { width: 400, height: 800 })
      await page.evaluate('document.fonts.ready.then(() => true)')
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${lesson} is wider than 400 px`).toBeLessThanOrEqual(0)
      // Whatever is wider than the page is inside a box that scrolls (formula, table, code).
      const loose = (await page.evaluate(`(() => {
        const width = document.documentElement.clientWidth
        const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
        return [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.katex-mathml') && !el.ownerSVGElement)
          .filter((el) => { for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return false; return true })
          .map((el) => el.tagName + ' ' + (el.textContent || '').slice(0, 40))
      })()`)) as string[]
      expect(loose, `${lesson}: content wider than 400 px outside a scrolling box`).toEqual([])
      await page.close()
    }
  })

  it('pages fit a phone screen (no sideways scrolling) and print without the navigation', async () => {
    for (const file of ['index.html', `${dirs.get(buggy.id)}/report.html`]) {
      const page = await open(file, { width: 375, height: 740 })
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number
      expect(overflow, `${file} is wider than the phone`).toBeLessThanOrEqual(1)
      if (file !== 'index.html') await screenshot(page, 'student-report-phone')
      await page.emulateMedia({ media: 'print' })
      const printed = await page.evaluate(`[...document.querySelectorAll('.no-print')].every((el) => getComputedStyle(el).display === 'none')`)
      expect(printed).toBe(true)
      await page.close()
    }
  })

  it('nothing tried to reach the network', () => {
    expect(offNetwork).toEqual([])
  })
})
