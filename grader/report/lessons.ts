// The lessons (exercises/NN-topic/README.md) as self-contained HTML pages: markdown-it for the
// Markdown, KaTeX at build time for $…$ and $$…$$ (parsed by @mdit/plugin-tex), the KaTeX stylesheet inline with only the fonts a
// page uses embedded as woff2 data URIs. Headings get GitHub's slugs as ids, so the manifests'
// `lesson` anchors (written against GitHub's rendering) resolve in the rendered page too.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import GithubSlugger from 'github-slugger'
import katex from 'katex'
import { tex } from '@mdit/plugin-tex'
import MarkdownIt, { type Token } from 'markdown-it'
import { EXERCISES_DIR } from '../core/paths.ts'
import { TOPIC_PATTERN, topicsIn } from '../core/manifest.ts'
import { escapeHtml } from './text.ts'

// ---------------------------------------------------------------------------------------------
// GitHub's heading slugs

/** GitHub's anchor for a heading; one slugger per page numbers repeated slugs (`-1`, `-2`, …) in order. */
export function githubSlug(text: string, slugger: GithubSlugger = new GithubSlugger()): string {
  return slugger.slug(text)
}

/** The text GitHub would slug: the heading's inline content without markup. */
function headingText(inline: Token): string {
  return (inline.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'math_inline' ? c.content : ''))
    .join('')
}

// ---------------------------------------------------------------------------------------------
// Math: $…$ inline, $$…$$ display (on lines of its own), parsed by @mdit/plugin-tex, rendered by KaTeX

function renderMath(tex: string, displayMode: boolean, errors: string[]): string {
  try {
    return katex.renderToString(tex, { displayMode, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore', trust: false })
  } catch (error) {
    errors.push(`${displayMode ? '$$' : '$'}${tex}${displayMode ? '$$' : '$'}: ${(error as Error).message}`)
    return `<code class="math-error" title="${escapeHtml((error as Error).message)}">${escapeHtml(tex)}</code>`
  }
}

// ---------------------------------------------------------------------------------------------
// The Markdown renderer

export interface LessonRender {
  /** The lesson's HTML body (trusted: built from the course's own README). */
  html: string
  /** The first heading's text. */
  title: string
  /** Every heading: its id (GitHub's slug), text and level (1 for `#`). */
  headings: { id: string; text: string; level: number }[]
  /** Formulas KaTeX could not render, with its message. */
  mathErrors: string[]
}

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp' }
const MAX_IMAGE_BYTES = 500_000

/**
 * Renders a lesson's Markdown. `topicDir` resolves relative images (inlined as data URIs) and links:
 * a link to another topic's README becomes a link to its lesson page; other relative links (to
 * source files, which the page cannot carry) become plain text.
 */
export function renderMarkdown(markdown: string, topicDir: string): LessonRender {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  const mathErrors: string[] = []
  // Wide formulas, tables and code scroll sideways inside the page on a phone (the page itself
  // reflows to the screen's width); tabindex lets a keyboard scroll them too.
  md.use(tex, {
    render: (content, display) =>
      display ? `<div class="math-display" tabindex="0">${renderMath(content.trim(), true, mathErrors)}</div>\n` : renderMath(content, false, mathErrors),
  })
  md.renderer.rules.table_open = () => '<div class="table-scroll" tabindex="0"><table>\n'
  md.renderer.rules.table_close = () => '</table>\n</div>\n'
  for (const rule of ['fence', 'code_block'] as const) {
    const original = md.renderer.rules[rule]!
    md.renderer.rules[rule] = (tokens, i, options, env, self) => original(tokens, i, options, env, self).replace(/^<pre>/, '<pre tabindex="0">')
  }

  const env = {}
  const tokens = md.parse(markdown, env)
  const slugger = new GithubSlugger()
  const headings: { id: string; text: string; level: number }[] = []
  let title = ''
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') {
      const text = headingText(tokens[i + 1]!)
      const id = githubSlug(text, slugger)
      token.attrSet('id', id)
      headings.push({ id, text, level: Number(token.tag.slice(1)) })
      if (!title) title = text
    }
    if (token.type === 'inline') rewriteLinks(token.children ?? [], topicDir)
  })
  const html = md.renderer.render(tokens, md.options, env)
  return { html, title, headings, mathErrors }
}

function rewriteLinks(children: Token[], topicDir: string): void {
  for (let i = 0; i < children.length; i++) {
    const token = children[i]!
    if (token.type === 'link_open') {
      const href = token.attrGet('href') ?? ''
      const target = lessonHref(href, topicDir)
      if (target === null) {
        // The page cannot carry this file: keep the link's text, drop the link.
        const close = children.findIndex((c, k) => k > i && c.type === 'link_close')
        token.type = 'html_inline'
        token.content = `<span class="file-ref" title="${escapeHtml(href)}">`
        if (close > 0) {
          children[close]!.type = 'html_inline'
          children[close]!.content = '</span>'
        }
      } else {
        token.attrSet('href', target)
        if (/^https?:/i.test(target)) token.attrSet('rel', 'noopener')
      }
    }
    if (token.type === 'image') {
      const src = token.attrGet('src') ?? ''
      const inlined = inlineImage(src, topicDir)
      if (inlined) token.attrSet('src', inlined)
      else {
        token.type = 'text'
        token.content = token.content || src
      }
    }
  }
}

/** Where a lesson's link points in the rendered lessons, or null when it cannot be followed. */
function lessonHref(href: string, topicDir: string): string | null {
  if (href.startsWith('#')) return href
  if (/^(https?:|mailto:)/i.test(href)) return href
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null
  const [file = '', hash] = href.split('#')
  const resolved = path.resolve(topicDir, decodeURIComponent(file))
  const relative = path.relative(EXERCISES_DIR, resolved).split(path.sep)
  const fragment = hash ? `#${hash}` : ''
  const topic = relative[0]!
  const toLesson = (relative.length === 2 && /^readme\.md$/i.test(relative[1]!)) || relative.length === 1
  if (!toLesson || !TOPIC_PATTERN.test(topic)) return null
  if (topic === path.basename(topicDir)) return fragment || '#'
  return existsSync(lessonFile(topic)) ? `${topic}.html${fragment}` : null
}

function inlineImage(src: string, topicDir: string): string | null {
  if (src.startsWith('data:')) return src
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return null
  const file = path.resolve(topicDir, decodeURIComponent(src.split('#')[0]!))
  const type = IMAGE_TYPES[path.extname(file).toLowerCase()]
  if (!type || !file.startsWith(path.resolve(topicDir, '..')) || !existsSync(file) || statSync(file).size > MAX_IMAGE_BYTES) return null
  return `data:${type};base64,${readFileSync(file).toString('base64')}`
}

// ---------------------------------------------------------------------------------------------
// KaTeX's stylesheet with the fonts a page needs

const require = createRequire(import.meta.url)
const KATEX_DIST = path.dirname(require.resolve('katex/dist/katex.min.css'))

/** Which of KaTeX's class names make it use each font file. */
const FONT_TRIGGERS: Record<string, RegExp | true> = {
  'Main-Regular': true,
  'Main-Bold': /\b(mathbf|textbf|boldsymbol)\b/,
  'Main-Italic': /\b(mathit|textit)\b/,
  'Main-BoldItalic': /\bboldsymbol\b/,
  'Math-Italic': /\bmathnormal\b/,
  'Math-BoldItalic': /\bboldsymbol\b/,
  'AMS-Regular': /\b(amsrm|mathbb|textbb)\b/,
  'Caligraphic-Regular': /\bmathcal\b/,
  'Caligraphic-Bold': /\bmathcal\b[^"]*\b(mathbf|textbf|boldsymbol)\b/,
  'Fraktur-Regular': /\b(mathfrak|textfrak)\b/,
  'Fraktur-Bold': /\b(mathboldfrak|textboldfrak)\b/,
  'SansSerif-Regular': /\b(mathsf|textsf)\b/,
  'SansSerif-Bold': /\b(mathboldsf|textboldsf)\b/,
  'SansSerif-Italic': /\b(mathitsf|mathsfit|textitsf)\b/,
  'Script-Regular': /\b(mathscr|textscr)\b/,
  'Typewriter-Regular': /\b(mathtt|texttt)\b/,
  'Size1-Regular': /\b(size1|small-op|delim-size1)\b/,
  'Size2-Regular': /\b(size2|large-op)\b/,
  'Size3-Regular': /\bsize3\b/,
  'Size4-Regular': /\b(size4|delim-size4)\b/,
}

let katexCss: string | undefined
const fontCache = new Map<string, string>()

/**
 * KaTeX's CSS for a page whose math HTML is `html`: @font-face rules only for the fonts the page
 * uses, each with its woff2 file as a data URI (every browser that runs the reports reads woff2).
 */
export function katexStyles(html: string): string {
  katexCss ??= readFileSync(path.join(KATEX_DIST, 'katex.min.css'), 'utf8')
  if (!html.includes('class="katex')) return ''
  return katexCss.replace(/@font-face\{[^}]*\}/g, (face) => {
    const font = /KaTeX_([A-Za-z0-9]+-[A-Za-z]+)\.woff2/.exec(face)?.[1]
    const trigger = font ? FONT_TRIGGERS[font] : undefined
    if (!font || trigger === undefined || (trigger !== true && !trigger.test(html))) return ''
    let uri = fontCache.get(font)
    if (!uri) {
      uri = `data:font/woff2;base64,${readFileSync(path.join(KATEX_DIST, 'fonts', `KaTeX_${font}.woff2`)).toString('base64')}`
      fontCache.set(font, uri)
    }
    return face.replace(/src:[^;}]*/, `src:url(${uri}) format("woff2")`).replace('font-display:block', 'font-display:swap')
  })
}

// ---------------------------------------------------------------------------------------------
// Lessons of the course

export const lessonFile = (topic: string) => path.join(EXERCISES_DIR, topic, 'README.md')

/** Topics that have a lesson README. */
export function lessonTopics(): string[] {
  return topicsIn().filter((topic) => existsSync(lessonFile(topic)))
}

const lessonCache = new Map<string, { mtime: number; render: LessonRender }>()

export function renderLessonMarkdown(topic: string): LessonRender {
  const file = lessonFile(topic)
  const mtime = statSync(file).mtimeMs
  const cached = lessonCache.get(topic)
  if (cached && cached.mtime === mtime) return cached.render
  const render = renderMarkdown(readFileSync(file, 'utf8'), path.dirname(file))
  lessonCache.set(topic, { mtime, render })
  return render
}
