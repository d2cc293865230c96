// The two languages of the course. Feedback follows COURSE_LANG, else the system locale.
import { readSetting } from './settings.ts'

export type Lang = 'en' | 'zh-TW'
export type Localized = Record<Lang, string>

export function currentLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const wanted = readSetting('lang', env) ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? ''
  return /^zh[-_](TW|Hant|HK)/i.test(wanted) ? 'zh-TW' : 'en'
}
