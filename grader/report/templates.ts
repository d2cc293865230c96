// The Handlebars environment of the reports. Templates live in templates/*.hbs, the stylesheet and
// the small script in assets/. Everything a template prints with {{…}} is escaped by Handlebars;
// only values wrapped in Handlebars.SafeString by this module's callers (SVG drawn here, KaTeX from
// the course's lessons, our own CSS and script) are printed raw with {{{…}}}.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Handlebars from 'handlebars'
import { type Lang, type StringKey, isStringKey, t } from '../core/i18n.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
export const TEMPLATES_DIR = path.join(HERE, 'templates')
export const ASSETS_DIR = path.join(HERE, 'assets')

export type TemplateName = 'student' | 'class' | 'lesson'

let env: typeof Handlebars | undefined
const compiled = new Map<string, Handlebars.TemplateDelegate>()

function environment(): typeof Handlebars {
  if (env) return env
  const hb = Handlebars.create()
  hb.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const lang = (options.data?.root?.lang ?? 'en') as Lang
    if (!isStringKey(key)) throw new Error(`report template: unknown UI string "${key}"`)
    return t(lang, key as StringKey, options.hash as Record<string, string | number>)
  })
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  hb.registerHelper('gt', (a: number, b: number) => a > b)
  for (const file of readdirSync(TEMPLATES_DIR)) {
    if (file.startsWith('_') && file.endsWith('.hbs')) {
      hb.registerPartial(file.slice(1, -4), readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'))
    }
  }
  env = hb
  return hb
}

/** Renders a page template; `view.lang` chooses the UI language. */
export function renderTemplate(name: TemplateName, view: Record<string, unknown>): string {
  const hb = environment()
  let template = compiled.get(name)
  if (!template) {
    template = hb.compile(readFileSync(path.join(TEMPLATES_DIR, `${name}.hbs`), 'utf8'), { strict: false, noEscape: false })
    compiled.set(name, template)
  }
  return template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false })
}

export const safe = (html: string) => new Handlebars.SafeString(html)

let loaded: { css: string; script: string; scriptHash: string } | undefined

/**
 * The reports' stylesheet and script, inlined into every page, and the script's hash for the
 * page's Content-Security-Policy: only this script may run, so even markup that slipped through
 * escaping could not execute (no inline handlers, no other scripts, no network).
 */
export function assets(): { css: Handlebars.SafeString; script: Handlebars.SafeString; scriptHash: string } {
  if (!loaded) {
    const script = readFileSync(path.join(ASSETS_DIR, 'report.js'), 'utf8').replace(/<\/script/gi, '<\\/script')
    loaded = {
      css: readFileSync(path.join(ASSETS_DIR, 'report.css'), 'utf8'),
      script,
      scriptHash: `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`,
    }
  }
  return { css: safe(loaded.css), script: safe(loaded.script), scriptHash: loaded.scriptHash }
}
