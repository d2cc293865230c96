// The rendered lessons: GitHub's heading slugs (so the manifests' lesson anchors resolve), math by
// KaTeX at build time, links and fonts that work in a self-contained page.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadManifest } from '../core/manifest.ts'
import { EXERCISES_DIR } from '../core/paths.ts'
import GithubSlugger from 'github-slugger'
import { githubSlug, katexStyles, lessonTopics, renderLessonMarkdown, renderMarkdown } from '../report/lessons.ts'
import { renderLesson } from '../report/index.ts'

const render = (md: string) => renderMarkdown(md, path.join(EXERCISES_DIR, '01-limits'))

describe('GitHub heading slugs', () => {
  it.each([
    ['The sum rule', 'the-sum-rule'],
    ["The lecture's example", 'the-lectures-example'],
    ['Challenge: the product rule', 'challenge-the-product-rule'],
    ['01 · Limits and ε–δ proofs (極限與 ε–δ 證明)', '01--limits-and-εδ-proofs-極限與-εδ-證明'],
    ['`mse(w, b)` and Δ = 0.5', 'msew-b-and-δ--05'],
    ['snake_case and kebab-case', 'snake_case-and-kebab-case'],
  ])('%s → %s', (text, slug) => {
    expect(githubSlug(text)).toBe(slug)
  })
  it('numbers repeated headings as GitHub does', () => {
    const slugger = new GithubSlugger()
    expect(['Notes', 'Notes', 'Notes-1', 'Notes'].map((h) => githubSlug(h, slugger))).toEqual(['notes', 'notes-1', 'notes-1-1', 'notes-2'])
  })
  it('headings of a rendered lesson carry their slug as id', () => {
    const { html, headings } = render('# A title\n\n## The sum rule\n\n## The sum rule\n')
    expect(headings.map((h) => h.id)).toEqual(['a-title', 'the-sum-rule', 'the-sum-rule-1'])
    expect(html).toContain('<h2 id="the-sum-rule-1">The sum rule</h2>')
  })
})

describe('math', () => {
  it('renders $…$ inline and $$…$$ as display math, on its own lines or on one line', () => {
    const { html, mathErrors } = render('Let $x^2$ be.\n\n$$\n\\frac{a}{b}\n$$\n\n$$\\lim_{x \\to 2} f(x) = 4 .$$\n')
    expect(mathErrors).toEqual([])
    expect(html.match(/class="katex"/g)?.length).toBe(3)
    expect(html.match(/class="katex-display"/g)?.length).toBe(2)
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{a}{b}</annotation>')
  })
  it('leaves prices, escaped dollars and code alone', () => {
    const { html } = render('It costs $5 and $6 today. A \\$ sign.\n\n`const s = "$x$"`\n')
    expect(html).not.toContain('katex')
    expect(html).toContain('It costs $5 and $6 today. A $ sign.')
    expect(html).toContain('<code>const s = &quot;$x$&quot;</code>')
  })
  it('keeps the TeX of emphasis-like characters inside math', () => {
    const { html, mathErrors } = render('$a_1 * b_2 * c$ and $x_*$\n')
    expect(mathErrors).toEqual([])
    expect(html).not.toContain('<em>')
  })
  it("follows Pandoc's rule for inline math: no space inside either dollar", () => {
    const { html, mathErrors } = render('entries $(Av)_i =$\n(row $i$ of $A$).\n')
    expect(mathErrors).toEqual([])
    expect(html.match(/class="katex"/g)?.length).toBe(3)
    expect(render('between $ 1 and 2 $ dollars, and $x = $ too\n').html).not.toContain('katex')
  })
  it('reports a formula KaTeX cannot parse and shows it as code', () => {
    const { html, mathErrors } = render('Broken: $\\frac{a$.\n')
    expect(mathErrors).toHaveLength(1)
    expect(html).toContain('class="math-error"')
  })
})

describe('links, images and fonts in a self-contained page', () => {
  it("links to another topic's lesson point at its page; links to source files become text", () => {
    const { html } = render('[next](../02-derivatives/README.md#the-chain-rule), [this](README.md#bad-input), [code](limits.ts), [web](https://example.org)\n')
    expect(html).toContain('<a href="02-derivatives.html#the-chain-rule">next</a>')
    expect(html).toContain('<a href="#bad-input">this</a>')
    expect(html).toContain('<span class="file-ref" title="limits.ts">code</span>')
    expect(html).toContain('<a href="https://example.org" rel="noopener">web</a>')
  })
  it('embeds only the KaTeX fonts a page uses, as woff2 data URIs', () => {
    const css = katexStyles(render('$x + \\mathbb{R}$\n').html)
    expect(css).toContain('font-family:KaTeX_Main')
    expect(css).toContain('font-family:KaTeX_Math')
    expect(css).toContain('font-family:KaTeX_AMS')
    expect(css).not.toMatch(/@font-face\{[^}]*KaTeX_Fraktur/)
    expect(css).not.toMatch(/url\((?!data:font\/woff2;base64,)/)
    expect(katexStyles('<p>no math</p>')).toBe('')
  })
})

describe("the course's lessons", () => {
  const topics = lessonTopics()
  it('there are lessons to render', () => {
    expect(topics).toContain('01-limits')
  })
  it.each(topics)("%s: every formula renders and every manifest lesson anchor is a heading of the lesson", (topic) => {
    const lesson = renderLessonMarkdown(topic)
    expect(lesson.mathErrors, `${topic}/README.md: formulas KaTeX cannot render`).toEqual([])
    let manifest
    try {
      manifest = loadManifest(topic)
    } catch {
      return // a topic still being written may not have a valid manifest yet; verify reports that
    }
    const ids = new Set(lesson.headings.map((h) => h.id))
    const missing = Object.entries(manifest.tests).filter(([, t]) => t.lesson && !ids.has(t.lesson)).map(([id, t]) => `${id} → #${t.lesson}`)
    expect(missing, `${topic}: lesson anchors in manifest.json with no such heading in README.md`).toEqual([])
  })
  it('the rendered 01 lesson is one self-contained page of reasonable size', () => {
    const html = renderLesson('01-limits', { lang: 'en' })
    expect(html).toContain('<h2 id="the-sum-rule">The sum rule</h2>')
    expect(html).toContain('src:url(data:font/woff2;base64,')
    expect(html).not.toMatch(/<link\b|\ssrc="(?!data:)|url\((?!#|data:)/)
    expect(html.length).toBeLessThan(400_000)
  })
})
