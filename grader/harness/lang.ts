// The two languages of the course. Feedback follows COURSE_LANG, else the system locale.
export type Lang = 'en' | 'zh-TW'
export type Localized = Record<Lang, string>

export function currentLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const wanted = env.COURSE_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? ''
  return /^zh[-_](TW|Hant|HK)/i.test(wanted) ? 'zh-TW' : 'en'
}

const MESSAGES = {
  notImplemented: { en: 'not implemented yet: {what}. Write it in {file}.', 'zh-TW': '尚未實作:{what}。請在 {file} 中完成。' },
  counterexample: { en: 'smallest failing input (after {shrinks} shrinks):', 'zh-TW': '最小反例(縮減 {shrinks} 次後):' },
  input: { en: 'input:', 'zh-TW': '輸入:' },
  expected: { en: 'expected', 'zh-TW': '預期' },
  received: { en: 'received', 'zh-TW': '實際' },
  tolerance: { en: 'tolerance', 'zh-TW': '容許誤差' },
  threw: { en: 'your code threw {error}', 'zh-TW': '你的程式拋出了 {error}' },
  oracleFailed: {
    en: "the course's reference failed on this input ({error}); this is not your mistake: please tell your teacher",
    'zh-TW': '課程的參考實作在這個輸入上出錯({error});這不是你的錯,請告訴老師',
  },
  seed: { en: 'seed {seed} (reproduce: {command})', 'zh-TW': '亂數種子 {seed}(重現:{command})' },
  hint: { en: 'hint', 'zh-TW': '提示' },
  tampered: {
    en: 'your code changed a JavaScript built-in ({what}); exercise code must leave built-ins alone.',
    'zh-TW': '你的程式修改了 JavaScript 內建物件({what});練習程式不可以更動內建物件。',
  },
  timedOut: {
    en: '"{test}" ran longer than {seconds} s (an infinite loop?); the rest of this topic was stopped.',
    'zh-TW': '「{test}」執行超過 {seconds} 秒(無窮迴圈?);此主題其餘的測試已停止。',
  },
} satisfies Record<string, Localized>

export type MessageKey = keyof typeof MESSAGES

/** A message in the current language with `{name}` placeholders filled in. */
export function msg(key: MessageKey, values: Record<string, string | number> = {}, lang = currentLang()): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
}
