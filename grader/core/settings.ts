// Every setting the course's processes pass each other, in one table: its environment variable,
// how its text becomes a value (checked against a schema), and which process reads it. Processes
// pass settings through the environment (vitest starts its test processes with its own, and students
// type `COURSE_SEED=… npm test`), so the table is the one place that knows the names: code reads a
// setting with `readSettings()` and passes settings on with `settingsEnv({...})`, never by name.
//
// `reach` says where a setting's value comes from and who reads it:
// - 'test': set for each run, read in the test processes (and the student processes they start).
//   The kept vitest server clears every one of them before each run, so nothing one student's run
//   set reaches the next.
// - 'main': vitest's main process (its configuration and reporters), fixed for a server's life.
// - 'tool': the entry points and tools that teachers and students start themselves.
import * as v from 'valibot'

type Reach = 'test' | 'main' | 'tool'

interface Setting<T> {
  variable: string
  reach: Reach
  /** Turns the variable's text into the value (throws with what was expected). */
  parse: (text: string) => T
  /** Turns the value into the variable's text. */
  format: (value: T) => string
  doc: string
}

/** Raised when a variable's text is not a value of its setting; the message names the variable. */
export class SettingsError extends Error {
  override name = 'SettingsError'
}

const text = (): Pick<Setting<string>, 'parse' | 'format'> => ({ parse: (s) => s, format: (s) => s })
const flag = (): Pick<Setting<boolean>, 'parse' | 'format'> => ({ parse: (s) => s === '1', format: (b) => (b ? '1' : '0') })
const integer = (min: number): Pick<Setting<number>, 'parse' | 'format'> => ({
  parse: (s) => {
    const n = Number(s)
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`an integer ≥ ${min}`)
    return n
  },
  format: String,
})
const json = <S extends v.GenericSchema>(schema: S, what: string): Pick<Setting<v.InferOutput<S>>, 'parse' | 'format'> => ({
  parse: (s) => {
    const parsed = v.safeParse(schema, JSON.parse(s))
    if (!parsed.success) throw new Error(what)
    return parsed.output
  },
  format: (value) => JSON.stringify(value),
})
const list = <T>(item: (s: string) => T, what: string): Pick<Setting<T[]>, 'parse' | 'format'> => ({
  parse: (s) =>
    s.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
      try {
        return item(part)
      } catch {
        throw new Error(what)
      }
    }),
  format: (values) => values.join(','),
})

const NODE_FEATURES = v.object({
  version: v.string(),
  permissionFlag: v.picklist(['--permission', '--experimental-permission']),
  noFetchFlags: v.array(v.string()),
  permissionDeniesNetwork: v.boolean(),
})
const STRINGS = v.array(v.string())

function setting<T, R extends Reach>(variable: string, reach: R, codec: Pick<Setting<T>, 'parse' | 'format'>, doc: string): Setting<T> & { reach: R } {
  return { variable, reach, ...codec, doc }
}

export const SETTINGS = {
  // What the suite runs on, and with which seeds.
  target: setting('COURSE_TARGET', 'test', text(), 'the folder of NN-topic/ folders under test (default exercises/)'),
  overrides: setting('COURSE_OVERRIDES', 'main', json(v.record(v.string(), v.string()), 'a JSON object of file → replacement file'), 'files of the target replaced by others (wrong variants)'),
  seed: setting('COURSE_SEED', 'test', integer(Number.MIN_SAFE_INTEGER), 'the base seed (students: 20261128)'),
  seeds: setting('COURSE_SEEDS', 'test', list((s) => integer(Number.MIN_SAFE_INTEGER).parse(s), 'integers separated by commas'), 'several base seeds: each test registered once per seed (npm run flaky)'),
  noShrink: setting('COURSE_NO_SHRINK', 'test', flag(), 'stop a failing property at its first counterexample'),
  skipTests: setting('COURSE_SKIP_TESTS', 'test', json(STRINGS, 'a JSON array of "<topic>/<test id>"'), 'tests left out when a topic runs again after one of them hung or crashed'),
  lang: setting('COURSE_LANG', 'test', text(), 'the language of messages (en or zh-TW; else LC_ALL, LANG)'),
  // The student processes.
  nodeFeatures: setting('COURSE_NODE_FEATURES', 'test', json(NODE_FEATURES, 'the probed Node features as JSON'), 'the permission flags this Node takes, probed once by the main process'),
  studentHeapMb: setting('COURSE_STUDENT_HEAP_MB', 'test', integer(1), 'heap of a student process, MB'),
  studentOutputBytes: setting('COURSE_STUDENT_OUTPUT_BYTES', 'test', integer(1), 'output of one student process that is kept (head and tail)'),
  importTimeoutMs: setting('COURSE_IMPORT_TIMEOUT_MS', 'test', integer(1), 'time allowed for loading a student module'),
  studentStage: setting('COURSE_STUDENT_STAGE', 'test', text(), 'where student processes stage their code (default: the temp folder)'),
  bridgeTransport: setting('COURSE_BRIDGE_TRANSPORT', 'test', text(), '"thread" to carry the bridge over a thread instead of named pipes'),
  tfjsNode: setting('COURSE_TFJS_NODE', 'test', text(), '"0": never load tfjs-node (read by reference/public/tf.ts)'),
  tfBackend: setting('COURSE_TF_BACKEND', 'test', text(), '"cpu": TensorFlow.js on cpu only (read by reference/public/tf.ts; the benchmark)'),
  diagnosticsFile: setting('COURSE_DIAG_FILE', 'test', text(), 'the run’s diagnostics file (core/diagnostics.ts)'),
  // vitest's main process.
  resultsFile: setting('COURSE_RESULTS_FILE', 'main', text(), 'where the results reporter writes the run’s RawRun'),
  quiet: setting('COURSE_QUIET', 'main', flag(), 'no progress table (the grader and tools read the results file)'),
  execArgv: setting('COURSE_EXEC_ARGV', 'main', json(STRINGS, 'a JSON array of Node flags'), 'Node flags of the test processes'),
  cacheDir: setting('COURSE_CACHE_DIR', 'main', text(), 'Vite’s cache folder'),
  scratchRoot: setting('COURSE_SCRATCH_ROOT', 'main', text(), 'the sandbox’s writable scratch folder'),
  moduleCache: setting('COURSE_MODULE_CACHE', 'main', text(), 'transforms of the course’s own modules shared by a batch'),
  sharedProcess: setting('COURSE_SHARED_PROCESS', 'main', flag(), 'all topics of a run in one test process'),
  studentRun: setting('COURSE_STUDENT_RUN', 'main', flag(), 'set by npm test and npm run watch (the students’ short output)'),
  fullOutput: setting('COURSE_FULL_OUTPUT', 'main', flag(), 'npm test -- --full: vitest’s own output as well'),
  // Entry points and tools.
  topics: setting('COURSE_TOPICS', 'tool', list((s) => s, 'topics separated by commas'), 'the topics Gradescope grades (default: all)'),
  secret: setting('COURSE_SECRET', 'tool', text(), 'the course secret seeds are derived from'),
  secretFile: setting('COURSE_SECRET_FILE', 'tool', text(), 'a file holding the course secret'),
  studentId: setting('COURSE_STUDENT_ID', 'tool', text(), 'the name on a student’s own report'),
  chromium: setting('COURSE_CHROMIUM', 'tool', text(), 'the Chromium that renders PNG charts (default /usr/bin/chromium)'),
}

type Table = typeof SETTINGS
export type Settings = { [K in keyof Table]?: Table[K] extends Setting<infer T> ? T : never }
export type SettingName = keyof Table

/** One setting from the environment; undefined when its variable is unset or empty. Throws SettingsError if it is malformed. */
export function readSetting<K extends SettingName>(name: K, env: NodeJS.ProcessEnv = process.env): Settings[K] {
  const s = SETTINGS[name] as Setting<unknown>
  const raw = env[s.variable]?.trim()
  if (!raw) return undefined
  try {
    return s.parse(raw) as Settings[K]
  } catch (error) {
    const expected = error instanceof Error ? error.message : String(error)
    throw new SettingsError(`${s.variable} must be ${expected}, got "${raw.slice(0, 200)}"`)
  }
}

/** Every setting the environment holds (see readSetting). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const out: Record<string, unknown> = {}
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const value = readSetting(name, env)
    if (value !== undefined) out[name] = value
  }
  return out as Settings
}

/** The environment variables that carry `values` (unset values are left out). */
export function settingsEnv(values: Settings): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue
    const s = (SETTINGS as Record<string, Setting<unknown>>)[name]
    if (!s) throw new SettingsError(`no setting named ${name}`)
    env[s.variable] = s.format(value)
  }
  return env
}

/** The variables of every setting with this reach (the kept vitest server clears the 'test' ones before each run). */
export function variablesOf(reach: Reach): string[] {
  return Object.values(SETTINGS).filter((s) => s.reach === reach).map((s) => s.variable)
}

export const ALL_VARIABLES: readonly string[] = Object.values(SETTINGS).map((s) => s.variable)

/** The settings a run passes to its test processes (reach 'test'). */
export type TestSettings = { [K in SettingName as Table[K]['reach'] extends 'test' ? K : never]?: Settings[K] }

/**
 * What a run may set in the kept vitest server's environment: every setting the test processes read
 * (reach 'test') and the run's home and temp folders. The server removes each of them before a run,
 * then sets the run's own.
 */
export const PER_RUN_VARIABLES: readonly string[] = ['HOME', 'TMPDIR', ...variablesOf('test')]
