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
  studentTimeout: {
    en: 'your code did not return within the {seconds} s this test allows, and was stopped (an endless loop, or far too much work?)',
    'zh-TW': '你的程式沒有在這個測試允許的 {seconds} 秒內回傳,已被停止(無窮迴圈,或計算量過大?)',
  },
  crashExit: {
    en: 'your code ended its own process (exit code {code}) during this test: process.exit(), or a fatal error',
    'zh-TW': '你的程式在這個測試中結束了自己的程序(結束代碼 {code}):呼叫了 process.exit(),或發生致命錯誤',
  },
  crashMemory: {
    en: "your code's process was killed ({signal}) during this test, most likely for using more memory than it may ({mb} MB)",
    'zh-TW': '你的程式的程序在這個測試中被終止({signal}),最可能是因為使用了超過允許的記憶體({mb} MB)',
  },
  crashSignal: {
    en: "your code's process ended on signal {signal} during this test",
    'zh-TW': '你的程式的程序在這個測試中因訊號 {signal} 而結束',
  },
  crashTooLarge: {
    en: 'your code returned about {mb} MB of data, more than a result may hold ({limit} MB); its process was ended',
    'zh-TW': '你的程式回傳了約 {mb} MB 的資料,超過一個結果可容納的上限({limit} MB);它的程序已被終止',
  },
  crashProtocol: {
    en: "your code's process wrote into the channel the tests use to talk to it ({detail}) and was ended",
    'zh-TW': '你的程式的程序寫入了測試與它溝通用的通道({detail}),已被終止',
  },
  crashStart: {
    en: 'the process for your code could not start ({detail}); this is not your mistake: please tell your teacher',
    'zh-TW': '無法啟動執行你的程式的程序({detail});這不是你的錯,請告訴老師',
  },
  loadFailed: { en: 'your code could not be loaded: {detail}', 'zh-TW': '你的程式無法載入:{detail}' },
  timedOut: {
    en: '"{test}" ran longer than {seconds} s and its test process was stopped; the rest of this topic was run again without it.',
    'zh-TW': '「{test}」執行超過 {seconds} 秒,它的測試程序已被停止;此主題其餘的測試已在沒有它的情況下重新執行。',
  },
} satisfies Record<string, Localized>

export type MessageKey = keyof typeof MESSAGES

/** A message in the current language with `{name}` placeholders filled in. */
export function msg(key: MessageKey, values: Record<string, string | number> = {}, lang = currentLang()): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
}
