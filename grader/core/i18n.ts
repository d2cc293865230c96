// Every word the course shows people, in its two languages, in one table: the feedback of a failed
// test (the harness, the terminal, every output), the students' progress table, and the HTML reports.
// Templates ask for a key with {{t "key"}}; code asks with t(lang, key, values), or msg(key, values)
// for a failed test's feedback in the current language. Hints and topic titles come localised from
// the manifests.
import { type Lang, currentLang } from './lang.ts'
import type { TestStatus, TopicStatus } from './scoring.ts'

export type { Lang }
export const LANGS: Lang[] = ['en', 'zh-TW']

const STRINGS = {
  // page furniture
  studentReportTitle: { en: 'Report for {id}', 'zh-TW': '{id} 的成績報告' },
  classPageTitle: { en: 'Class results', 'zh-TW': '全班成績' },
  lessonTitle: { en: 'Lesson {topic}', 'zh-TW': '課文 {topic}' },
  contents: { en: 'Contents', 'zh-TW': '目錄' },
  generated: { en: 'Generated {date}', 'zh-TW': '產生於 {date}' },
  courseVersion: { en: 'Course version', 'zh-TW': '課程版本' },
  backToClass: { en: 'Class page', 'zh-TW': '全班頁面' },
  skipToContent: { en: 'Skip to content', 'zh-TW': '跳到內容' },
  language: { en: 'Language', 'zh-TW': '語言' },

  // student report
  total: { en: 'Total', 'zh-TW': '總分' },
  points: { en: 'points', 'zh-TW': '分' },
  pointsShort: { en: 'pts', 'zh-TW': '分' },
  seed: { en: 'Seed', 'zh-TW': '亂數種子' },
  backend: { en: 'TensorFlow.js backend', 'zh-TW': 'TensorFlow.js 後端' },
  duration: { en: 'Duration', 'zh-TW': '執行時間' },
  submission: { en: 'Submission', 'zh-TW': '繳交檔案' },
  topics: { en: 'Topics', 'zh-TW': '主題' },
  topic: { en: 'Topic', 'zh-TW': '主題' },
  score: { en: 'Score', 'zh-TW': '得分' },
  status: { en: 'Status', 'zh-TW': '狀態' },
  test: { en: 'Test', 'zh-TW': '測試' },
  tests: { en: 'Tests', 'zh-TW': '測試' },
  testsPassed: { en: '{passed} of {count} tests passed', 'zh-TW': '{count} 個測試中通過 {passed} 個' },
  hiddenTest: { en: 'hidden test', 'zh-TW': '隱藏測試' },
  message: { en: 'What went wrong', 'zh-TW': '問題' },
  counterexample: { en: 'Smallest failing input', 'zh-TW': '最小反例' },
  counterexampleShrinks: { en: 'Smallest failing input (after {shrinks} shrinks)', 'zh-TW': '最小反例(縮減 {shrinks} 次後)' },
  expected: { en: 'Expected', 'zh-TW': '預期' },
  received: { en: 'Received', 'zh-TW': '實際' },
  tolerance: { en: 'Tolerance', 'zh-TW': '容許誤差' },
  reproduce: { en: 'Reproduce', 'zh-TW': '重現' },
  seedLine: { en: 'seed {seed}, property seed {propertySeed}', 'zh-TW': '種子 {seed},性質測試種子 {propertySeed}' },
  hint: { en: 'Hint', 'zh-TW': '提示' },
  readLesson: { en: 'Read the lesson: {section}', 'zh-TW': '閱讀課文:{section}' },
  lessonSection: { en: 'lesson section', 'zh-TW': '課文段落' },
  plots: { en: 'Plots', 'zh-TW': '圖表' },
  whyNotRun: { en: 'Why', 'zh-TW': '原因' },
  output: { en: 'Printed output of your code', 'zh-TW': '你的程式印出的內容' },
  diagnostics: { en: 'Other problems found', 'zh-TW': '其他發現的問題' },
  rejected: { en: 'This submission could not be graded', 'zh-TW': '這份繳交無法評分' },
  noTopics: { en: 'No topic was graded.', 'zh-TW': '沒有任何主題被評分。' },
  notShown: { en: 'not shown', 'zh-TW': '未顯示' },
  plotError: { en: 'This plot could not be drawn: {reason}', 'zh-TW': '無法繪製此圖:{reason}' },
  tableOf: { en: 'Table: {name}', 'zh-TW': '表格:{name}' },

  // statuses of a test
  'test.passed': { en: 'passed', 'zh-TW': '通過' },
  'test.failed': { en: 'failed', 'zh-TW': '未通過' },
  'test.not-implemented': { en: 'not implemented', 'zh-TW': '尚未實作' },
  'test.error': { en: 'your code threw', 'zh-TW': '程式拋出錯誤' },
  'test.timeout': { en: 'timed out', 'zh-TW': '逾時' },
  'test.crashed': { en: 'your code\'s process ended', 'zh-TW': '程式的程序結束了' },
  'test.load-error': { en: 'your code did not load', 'zh-TW': '程式無法載入' },
  'test.not-run': { en: 'did not run', 'zh-TW': '未執行' },

  // statuses of a topic, and why
  'topic.passed': { en: 'full marks', 'zh-TW': '滿分' },
  'topic.partial': { en: 'partly done', 'zh-TW': '部分完成' },
  'topic.failed': { en: 'no test passed', 'zh-TW': '沒有通過任何測試' },
  'topic.not-started': { en: 'not started', 'zh-TW': '尚未開始' },
  'topic.timed-out': { en: 'too slow or an endless loop', 'zh-TW': '太慢或無窮迴圈' },
  'topic.crashed': { en: 'crashed', 'zh-TW': '程式當掉了' },
  'topic.forbidden-import': { en: 'forbidden import', 'zh-TW': '禁止的匯入' },
  'topic.load-error': { en: 'could not load', 'zh-TW': '無法載入' },
  'topic.not-run': { en: 'not run', 'zh-TW': '未執行' },
  'why.timed-out': {
    en: 'Your code did not return in time in at least one test (an endless loop, or far too much work) and was stopped there; those tests score 0, the others count.',
    'zh-TW': '你的程式至少在一個測試中沒有及時回傳(無窮迴圈或計算量過大),在那裡被停止;那些測試以 0 分計,其他測試照常計分。',
  },
  'why.crashed': {
    en: 'The process running your code ended during at least one test (process.exit, a crash, or running out of memory); those tests score 0, the others count.',
    'zh-TW': '執行你的程式的程序至少在一個測試中結束了(呼叫 process.exit、當掉或記憶體不足);那些測試以 0 分計,其他測試照常計分。',
  },
  'why.forbidden-import': {
    en: 'Your code imports a module that exercise code may not use. Use only your own files, @course/… modules and @tensorflow/tfjs.',
    'zh-TW': '你的程式匯入了練習程式不可使用的模組。只能使用你自己的檔案、@course/… 模組與 @tensorflow/tfjs。',
  },
  'why.load-error': {
    en: 'The tests could not load your code (a syntax error, or an error thrown while the module loads), so none of them ran.',
    'zh-TW': '測試無法載入你的程式(語法錯誤,或模組載入時拋出錯誤),所以沒有任何測試執行。',
  },
  'why.not-started': {
    en: 'Every function of this topic still throws "not implemented". Start with the lesson.',
    'zh-TW': '這個主題的每個函式仍然拋出「not implemented」。從課文開始吧。',
  },
  'why.not-run': { en: 'This topic was not part of the run.', 'zh-TW': '這次執行沒有包含這個主題。' },

  // plots
  yours: { en: 'yours', 'zh-TW': '你的' },
  yourPath: { en: 'your path', 'zh-TW': '你的路徑' },
  reference: { en: 'reference', 'zh-TW': '參考答案' },
  yourClassifier: { en: 'your classifier', 'zh-TW': '你的分類器' },
  referenceClassifier: { en: 'reference classifier', 'zh-TW': '參考分類器' },
  leastSquares: { en: 'least squares', 'zh-TW': '最小平方解' },
  start: { en: 'start', 'zh-TW': '起點' },
  end: { en: 'end', 'zh-TW': '終點' },
  mseOf: { en: 'contours: MSE on {dataset}', 'zh-TW': '等高線:{dataset} 上的 MSE' },
  noContours: { en: 'no contours: {reason}', 'zh-TW': '沒有等高線:{reason}' },
  pathSummary: {
    en: '{who}: {steps} steps from ({w0}, {b0}) to ({w1}, {b1}), MSE {mse}.',
    'zh-TW': '{who}:共 {steps} 步,從 ({w0}, {b0}) 到 ({w1}, {b1}),MSE {mse}。',
  },
  pathEmpty: { en: '{who}: no finite points.', 'zh-TW': '{who}:沒有有限的點。' },
  probabilityOf1: { en: 'P(class 1)', 'zh-TW': 'P(類別 1)' },
  class: { en: 'class {c}', 'zh-TW': '類別 {c}' },
  boundarySummary: {
    en: '{who}: predicts class 1 on {share} of the plotted area; the data set\'s points are drawn on top ({shown} of {n} shown).',
    'zh-TW': '{who}:在繪圖範圍的 {share} 預測為類別 1;資料集的點畫在上面(顯示 {n} 個中的 {shown} 個)。',
  },
  boundaryAgreement: {
    en: 'Your classifier and the reference agree on {share} of the plotted area.',
    'zh-TW': '你的分類器與參考分類器在繪圖範圍的 {share} 上一致。',
  },
  curveSummary: { en: '{name}: {n} values, first {first}, last {last}, lowest {min}.', 'zh-TW': '{name}:{n} 個值,第一個 {first},最後 {last},最低 {min}。' },
  logScale: { en: 'logarithmic scale', 'zh-TW': '對數刻度' },
  input: { en: 'input', 'zh-TW': '輸入' },
  channel: { en: 'channel {c}', 'zh-TW': '通道 {c}' },
  featureMapAlt: { en: '{who}, channel {c}: {h}×{w} feature map', 'zh-TW': '{who},通道 {c}:{h}×{w} 特徵圖' },
  inputAlt: { en: 'the input digit, {h}×{w}', 'zh-TW': '輸入的數字,{h}×{w}' },
  maxDiff: { en: 'max |yours − reference| = {d}', 'zh-TW': '最大 |你的 − 參考| = {d}' },
  shapeMismatch: { en: 'shapes differ: yours {s}, reference {r}', 'zh-TW': '形狀不同:你的 {s},參考 {r}' },
  colourScale: { en: 'blue: negative, white: 0, red: positive; each channel scaled to its largest |value|', 'zh-TW': '藍:負,白:0,紅:正;每個通道依其最大 |值| 縮放' },
  noMaps: { en: 'your conv2d gave no feature maps to show', 'zh-TW': '你的 conv2d 沒有產生可顯示的特徵圖' },
  moreChannels: { en: '{n} more channels not shown', 'zh-TW': '另有 {n} 個通道未顯示' },

  // class page
  students: { en: 'Students', 'zh-TW': '學生' },
  student: { en: 'Student', 'zh-TW': '學生' },
  graded: { en: 'graded', 'zh-TW': '已評分' },
  rejectedShort: { en: 'rejected', 'zh-TW': '無法評分' },
  mean: { en: 'Mean', 'zh-TW': '平均' },
  median: { en: 'Median', 'zh-TW': '中位數' },
  scoreHistogram: { en: 'Score distribution', 'zh-TW': '分數分布' },
  percentOfMax: { en: 'score (% of maximum)', 'zh-TW': '得分(滿分的 %)' },
  numberOfStudents: { en: 'students', 'zh-TW': '學生人數' },
  topicMeans: { en: 'Mean score per topic', 'zh-TW': '各主題平均得分' },
  meanPercent: { en: 'mean (% of maximum)', 'zh-TW': '平均(滿分的 %)' },
  fullMarks: { en: 'full marks', 'zh-TW': '滿分人數' },
  testPassRates: { en: 'Pass rate of every test, hardest first', 'zh-TW': '每個測試的通過率(由難到易)' },
  passRate: { en: 'Pass rate', 'zh-TW': '通過率' },
  outcomes: { en: 'Other outcomes', 'zh-TW': '其他結果' },
  flags: { en: 'Flags', 'zh-TW': '警示' },
  noFlags: { en: 'Nothing to flag: no timeouts, crashes, refused imports or rejected submissions.', 'zh-TW': '沒有需要注意的:沒有逾時、當機、被拒絕的匯入或無法評分的繳交。' },
  flag: { en: 'Flag', 'zh-TW': '警示' },
  details: { en: 'Details', 'zh-TW': '細節' },
  report: { en: 'report', 'zh-TW': '報告' },
  sortBy: { en: 'Sort by {column}', 'zh-TW': '依{column}排序' },
  batchSeed: { en: 'Batch seed', 'zh-TW': '批次種子' },
  seedPerStudent: { en: 'one per student, from the course secret (fingerprint {fingerprint})', 'zh-TW': '每位學生各一個,由課程密鑰(指紋 {fingerprint})導出' },
  seedRandom: { en: '{seed} (drawn at random: no course secret is set)', 'zh-TW': '{seed}(隨機抽取:未設定課程密鑰)' },
  'seedHow.secret': { en: 'from the course secret and your id: the same on every resubmission', 'zh-TW': '由課程密鑰與你的 id 導出:每次重新繳交都相同' },
  'seedHow.fixed': { en: 'fixed by your teacher', 'zh-TW': '由老師指定' },
  'seedHow.random': { en: 'drawn at random (no course secret is set)', 'zh-TW': '隨機抽取(未設定課程密鑰)' },
  startedAt: { en: 'Started', 'zh-TW': '開始' },
  finishedAt: { en: 'Finished', 'zh-TW': '結束' },
  'flag.rejected': { en: 'submission rejected', 'zh-TW': '繳交無法評分' },
  'note.naming': { en: 'submission renamed', 'zh-TW': '繳交名稱已更改' },
  'note.files': { en: 'files', 'zh-TW': '檔案' },
  'note.type-error': { en: 'type errors', 'zh-TW': '型別錯誤' },
  'note.type-check': { en: 'type check did not finish', 'zh-TW': '型別檢查未完成' },
  'note.grading': { en: 'tests ran again', 'zh-TW': '測試重新執行' },
  lessons: { en: 'Lessons', 'zh-TW': '課文' },
  lesson: { en: 'Lesson', 'zh-TW': '課文' },

  // the students' progress table in the terminal (statuses: topic.* above)
  'progress.title': { en: 'Your progress', 'zh-TW': '你的進度' },
  'progress.seed': { en: 'seed', 'zh-TW': '亂數種子' },
  'progress.tests': { en: 'tests', 'zh-TW': '項測試' },
  'progress.pts': { en: 'pts', 'zh-TW': '分' },
  'progress.total': { en: 'Total', 'zh-TW': '總計' },
  'progress.firstFailure': { en: 'First failure in', 'zh-TW': '第一個未通過的測試:' },
  'progress.more': { en: '… {n} more lines: npm test -- {topic} --full', 'zh-TW': '… 還有 {n} 行:npm test -- {topic} --full' },
  'progress.full': { en: 'Every failure with its details: npm test -- --full', 'zh-TW': '每個未通過測試的細節:npm test -- --full' },
  'progress.watching': { en: 'Watching your files: save one to re-run its topic (q to quit, h for help).', 'zh-TW': '正在監看你的檔案:儲存檔案就會重跑它的主題(q 結束,h 說明)。' },
  'progress.running': { en: 'running', 'zh-TW': '執行中' },
  'progress.console': { en: 'console output of your code', 'zh-TW': '你的程式的 console 輸出' },
  'progress.consoleMore': { en: '… more console output: npm test -- --full', 'zh-TW': '… 更多 console 輸出:npm test -- --full' },

  // what a failed test says (core/failure.ts, the harness)

  'feedback.notImplemented': { en: 'not implemented yet: {what}. Write it in {file}.', 'zh-TW': '尚未實作:{what}。請在 {file} 中完成。' },
  'feedback.counterexample': { en: 'smallest failing input (after {shrinks} shrinks):', 'zh-TW': '最小反例(縮減 {shrinks} 次後):' },
  'feedback.input': { en: 'input:', 'zh-TW': '輸入:' },
  'feedback.expected': { en: 'expected', 'zh-TW': '預期' },
  'feedback.received': { en: 'received', 'zh-TW': '實際' },
  'feedback.tolerance': { en: 'tolerance', 'zh-TW': '容許誤差' },
  'feedback.threw': { en: 'your code threw {error}', 'zh-TW': '你的程式拋出了 {error}' },
  'feedback.oracleFailed': {
    en: "the course's reference failed on this input ({error}); this is not your mistake: please tell your teacher",
    'zh-TW': '課程的參考實作在這個輸入上出錯({error});這不是你的錯,請告訴老師',
  },
  'feedback.seed': { en: 'seed {seed} (reproduce: {command})', 'zh-TW': '亂數種子 {seed}(重現:{command})' },
  'feedback.hint': { en: 'hint', 'zh-TW': '提示' },
  'feedback.studentTimeout': {
    en: 'your code did not return within the {seconds} s this test allows, and was stopped (an endless loop, or far too much work?)',
    'zh-TW': '你的程式沒有在這個測試允許的 {seconds} 秒內回傳,已被停止(無窮迴圈,或計算量過大?)',
  },
  'feedback.crashExit': {
    en: 'your code ended its own process (exit code {code}) during this test: process.exit(), or a fatal error',
    'zh-TW': '你的程式在這個測試中結束了自己的程序(結束代碼 {code}):呼叫了 process.exit(),或發生致命錯誤',
  },
  'feedback.crashMemory': {
    en: "your code's process was killed ({signal}) during this test, most likely for using more memory than it may ({mb} MB)",
    'zh-TW': '你的程式的程序在這個測試中被終止({signal}),最可能是因為使用了超過允許的記憶體({mb} MB)',
  },
  'feedback.crashSignal': {
    en: "your code's process ended on signal {signal} during this test",
    'zh-TW': '你的程式的程序在這個測試中因訊號 {signal} 而結束',
  },
  'feedback.crashTooLarge': {
    en: 'your code returned about {mb} MB of data, more than a result may hold ({limit} MB); its process was ended',
    'zh-TW': '你的程式回傳了約 {mb} MB 的資料,超過一個結果可容納的上限({limit} MB);它的程序已被終止',
  },
  'feedback.crashProtocol': {
    en: "your code's process wrote into the channel the tests use to talk to it ({detail}) and was ended",
    'zh-TW': '你的程式的程序寫入了測試與它溝通用的通道({detail}),已被終止',
  },
  'feedback.crashStart': {
    en: 'the process for your code could not start ({detail}); this is not your mistake: please tell your teacher',
    'zh-TW': '無法啟動執行你的程式的程序({detail});這不是你的錯,請告訴老師',
  },
  'feedback.loadFailed': { en: 'your code could not be loaded: {detail}', 'zh-TW': '你的程式無法載入:{detail}' },
  'feedback.timedOut': {
    en: '"{test}" ran longer than {seconds} s and its test process was stopped; the rest of this topic was run again without it.',
    'zh-TW': '「{test}」執行超過 {seconds} 秒,它的測試程序已被停止;此主題其餘的測試已在沒有它的情況下重新執行。',
  },
} as const satisfies Record<string, Record<Lang, string>>

export type StringKey = keyof typeof STRINGS

export function isStringKey(key: string): key is StringKey {
  return Object.hasOwn(STRINGS, key)
}

/** The string `key` in `lang`, with `{name}` placeholders filled in (values are not escaped here). */
export function t(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  const entry = STRINGS[key] as Record<Lang, string>
  return (entry[lang] ?? entry.en).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

export type MessageKey = StringKey extends infer K ? (K extends `feedback.${infer M}` ? M : never) : never

/** A failed test's feedback (`feedback.<key>`), in the current language unless told. */
export function msg(key: MessageKey, values: Record<string, string | number> = {}, lang = currentLang()): string {
  return t(lang, `feedback.${key}`, values)
}

export const testStatusLabel = (lang: Lang, status: TestStatus) => t(lang, `test.${status}` as StringKey)
export const topicStatusLabel = (lang: Lang, status: TopicStatus) => t(lang, `topic.${status}` as StringKey)

/** Numbers for people: up to `digits` decimals, locale-formatted. */
export function formatNumber(lang: Lang, value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value)
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value)
}

export function formatPercent(lang: Lang, fraction: number, digits = 0): string {
  if (!Number.isFinite(fraction)) return '–'
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: digits }).format(fraction)
}

export function formatDuration(lang: Lang, ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(lang, ms / 1000, 1)} s`
}

export function formatDate(lang: Lang, iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC'
}
