// The trusted side of the bridge: one student process per topic under test, started on the first
// call, with its code staged (stage.ts), and calls into it that are synchronous, bounded in time and
// safe from whatever happens over there. A crash, an exit, a hang or an out-of-memory fails the call
// that met it; the next call starts a new process. A module that failed to load keeps failing the
// same way without being loaded again.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type NodeFeatures, detectNodeFeatures } from '../sandbox/node-features.ts'
import { studentProcessFlags } from '../sandbox/isolation.ts'
import { COURSE_ROOT, isInside } from '../core/paths.ts'
import { type Channel, type ExitEvent, openChannel } from './channel.ts'
import { Endpoint, ProtocolError } from './endpoint.ts'
import { StudentCrash, StudentLoadError, StudentTimeout, markStudentError } from './errors.ts'
import { StageError, Stager } from './stage.ts'
import type { Ambient, Message, WireError } from './wire.ts'
import { readSetting, settingsEnv } from '../core/settings.ts'
import { type ModelKit, encodeModel, rebuildModel } from './models.ts'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const HOST = path.join(HERE, 'host.ts')
const IO_THREAD = path.join(HERE, 'io-thread.ts')

/** Time a call may take when no test has set a deadline. */
const DEFAULT_CALL_MS = 10_000
/** A frame from the student process above this ends it: results are data, not floods. */
const MAX_FRAME_BYTES = 256 * 1024 * 1024
/** Output of one student process that reaches the test's output (head and tail kept). */
const OUTPUT_BYTES = readSetting('studentOutputBytes') ?? 256 * 1024
/** Time allowed for loading a module of the student's (an endless loop at its top level ends here). */
const loadMs = () => readSetting('importTimeoutMs') ?? 30_000
/** Heap of a student process (MB); the grader passes its --memory. */
const HEAP_MB = readSetting('studentHeapMb') ?? 2048

let deadline: { at: number; allowedMs: number } | undefined

/**
 * Calls to student code from now on must return by `at` (ms since the epoch), `allowedMs` being the
 * test's whole allowance (for the message); undefined: each call gets a default time of its own.
 */
export function setCallDeadline(at: number | undefined, allowedMs = 0): void {
  deadline = at === undefined ? undefined : { at, allowedMs }
}

/** The node flags a student process runs under; the grader's main process probes them once and passes them down. */
function nodeFeatures(): NodeFeatures {
  const passed = readSetting('nodeFeatures')
  if (passed) return passed
  const found = detectNodeFeatures()
  Object.assign(process.env, settingsEnv({ nodeFeatures: found }))
  return found
}

export interface StudentProcessOptions {
  /** The folder of `NN-topic/` folders under test. */
  targetDir: string
  topic: string
}

export class StudentProcess {
  private readonly stager: Stager
  private readonly stageDir: string
  private running?: { channel: Channel; endpoint: Endpoint; loaded: Map<string, string[]> }

  /** The pid of the running student process, if it has started. */
  pid(): number | undefined {
    return this.running?.channel.pid()
  }
  /** Modules that could not be loaded, and why (they are not tried again). */
  private readonly failedLoads = new Map<string, StudentLoadError>()
  private readonly urls = new Map<string, string>()
  private closed = false

  constructor(private readonly options: StudentProcessOptions) {
    const root = readSetting('studentStage') ?? os.tmpdir()
    this.stageDir = realpathSync(mkdtempSync(path.join(root, `course-student-${options.topic}-`)))
    this.stager = new Stager({ dir: this.stageDir, targetDir: options.targetDir, topic: options.topic, display: (file) => this.display(file) })
    live.add(this)
  }

  /** Calls `name` exported by the module at `file` (the student's, or a file standing in for it). */
  call(file: string, name: string, args: unknown[]): unknown {
    if (this.closed) throw new Error('the student process of this test file was already closed')
    // Past the test's deadline (an earlier call used up its time), a call ends at once.
    if (deadline && Date.now() >= deadline.at) throw new StudentTimeout(deadline.allowedMs)
    const url = this.urlFor(file)
    const failed = this.failedLoads.get(url)
    if (failed) throw failed
    const running = this.start()
    const exports = running.loaded.get(url) ?? this.load(running, url, file)
    if (!exports.includes(name)) {
      throw markStudentError(new TypeError(`${this.display(file)} does not export a function named ${name}`), {})
    }
    try {
      return running.endpoint.call({ module: url, name }, args)
    } catch (error) {
      if (error instanceof StudentCrash || error instanceof StudentTimeout || error instanceof ProtocolError) void this.stop()
      if (error instanceof ProtocolError) throw new StudentCrash('protocol', { detail: error.message })
      throw error
    }
  }

  /** Ends the student process (its last output written) and removes its staged code. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    live.delete(this)
    await this.stop()
    rmSync(this.stageDir, { recursive: true, force: true })
  }

  /** At this process's exit: its staged code goes, synchronously (the process itself was killed). */
  discard(): void {
    rmSync(this.stageDir, { recursive: true, force: true })
  }

  private urlFor(file: string): string {
    let url = this.urls.get(file)
    if (!url) {
      try {
        url = this.stager.stageExercise(file)
      } catch (error) {
        if (!(error instanceof StageError)) throw error
        url = pathToFileURL(file).href
        this.failedLoads.set(url, new StudentLoadError(error.problem, error.message))
      }
      this.urls.set(file, url)
    }
    return url
  }

  private load(running: NonNullable<StudentProcess['running']>, url: string, file: string): string[] {
    let reply: Extract<Message, { k: 'loaded' | 'throw' }>
    // Loading has its own time, whatever is left of the test's: a slow start is not the test's fault.
    const saved = deadline
    deadline = { at: Date.now() + loadMs(), allowedMs: loadMs() }
    try {
      reply = running.endpoint.request({ k: 'load', id: running.endpoint.newId(), url })
    } catch (error) {
      void this.stop()
      const why = error instanceof StudentTimeout
        ? `it did not finish loading in ${loadMs() / 1000} s (an endless loop at the top level of the file?)`
        : error instanceof StudentCrash && error.reason === 'exit' && error.details.code === 13
          ? 'it waits at its top level for something that never settles (an await that never ends)'
          : error instanceof StudentCrash && error.reason === 'exit'
            ? `its process ended while loading it (exit code ${error.details.code}: process.exit() at the top level of the file?)`
          : error instanceof Error ? error.message : String(error)
      const failure = new StudentLoadError('crashed', `${this.display(file)}: ${why}`)
      this.failedLoads.set(url, failure)
      throw failure
    } finally {
      deadline = saved
    }
    if (reply.k === 'throw') {
      const node = reply.error as WireError
      const frames = this.studentFrames(node.stack)
      const failure = new StudentLoadError('threw', `${this.display(file)} threw ${node.name}: ${node.message} while loading${frames ? `\n${frames}` : ''}`)
      this.failedLoads.set(url, failure)
      throw failure
    }
    running.loaded.set(url, reply.exports)
    return reply.exports
  }

  private start(): NonNullable<StudentProcess['running']> {
    if (this.running) return this.running
    const features = nodeFeatures()
    const host = this.stager.stageCourse(HOST)
    const ioThread = this.stager.stageCourse(IO_THREAD)
    const nodeModules = path.join(COURSE_ROOT, 'node_modules')
    // On Linux the student process dies with the thread that started it, even if this process is killed.
    const setpriv = process.platform === 'linux' ? ['/usr/bin/setpriv', '/bin/setpriv'].find(exists) : undefined
    const command = (answers: string | undefined) => {
      // It reads its staged code and the libraries; its only write is the pipe of its answers (FIFOs).
      const flags = studentProcessFlags(features, { read: [this.stageDir, nodeModules, realpathSync(nodeModules)], write: answers ? [answers] : [], heapMb: HEAP_MB })
      // (Libraries' ES modules without "type": "module" are recognised by their syntax; no warning for it.)
      const nodeArgs = [...flags, '--enable-source-maps', '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', host]
      return setpriv ? [setpriv, '--pdeathsig', 'KILL', '--', process.execPath, ...nodeArgs] : [process.execPath, ...nodeArgs]
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.stageDir,
      TMPDIR: this.stageDir,
      LANG: 'C.UTF-8',
      NODE_OPTIONS: '',
      // The student's own TensorFlow.js: the test's backend choice, and never tfjs-node (a native addon).
      ...settingsEnv({ tfBackend: readSetting('tfBackend'), tfjsNode: '0' }),
    }
    const channel = openChannel({
      ioThread,
      command,
      env,
      dir: this.stageDir,
      maxFrameBytes: MAX_FRAME_BYTES,
      outputBytes: OUTPUT_BYTES,
      until: () => deadline?.at ?? Date.now() + DEFAULT_CALL_MS,
      timeout: () => new StudentTimeout(deadline?.allowedMs ?? DEFAULT_CALL_MS),
      ended: (event) => this.crash(event),
    })
    const endpoint = new Endpoint(channel.transport, { side: 'trusted', error: (node) => this.studentError(node), model: (node) => rebuildModel(node, trustedKit()), special: encodeModel, ambient: strykerAmbient })
    this.running = { channel, endpoint, loaded: new Map() }
    return this.running
  }

  private stop(): Promise<void> {
    const running = this.running
    if (!running) return Promise.resolve()
    this.running = undefined
    return running.channel.close()
  }

  private crash(event: ExitEvent): StudentCrash {
    if (event.tooLarge) return new StudentCrash('too-large', { mb: Math.round(event.tooLarge / 1e6), limit: MAX_FRAME_BYTES / 1e6 })
    if (event.error) return new StudentCrash('start', { detail: event.error })
    // V8 aborts on a full heap; the grader's memory watch and the kernel end a process with SIGKILL.
    if (event.signal === 'SIGKILL' || event.signal === 'SIGABRT' || event.signal === 'SIGTRAP') return new StudentCrash('memory', { signal: event.signal, mb: HEAP_MB })
    if (event.signal) return new StudentCrash('signal', { signal: event.signal })
    return new StudentCrash('exit', { code: event.code })
  }

  /** An error the student's code threw, as an instance of this realm's class of the same name. */
  private studentError(node: WireError): Error {
    const Kind = BUILT_IN_ERRORS[node.name] ?? Error
    const error = new Kind(String(node.message))
    if (!(node.name in BUILT_IN_ERRORS)) error.name = String(node.name)
    const frames = this.studentFrames(node.stack)
    error.stack = `${error.name}: ${error.message}${frames ? `\n${frames}` : ''}`
    return markStudentError(error, node.engine ? { engine: node.engine } : {})
  }

  /** The frames of a student stack trace that lie in the student's files, named as the student knows them. */
  private studentFrames(stack: string | undefined): string {
    if (!stack) return ''
    const target = this.options.targetDir
    return stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .map((line) => line.replace(/file:\/\/(\/[^:)\s]+)/g, (_all, file: string) => decodeURIComponent(file)))
      .filter((line) => line.includes(target) && !line.includes(this.stageDir))
      .map((line) => line.replaceAll(`${target}/`, 'exercises/'))
      .slice(0, 10)
      .join('\n')
  }

  private display(file: string): string {
    if (isInside(file, this.options.targetDir)) return path.join('exercises', path.relative(this.options.targetDir, file))
    return isInside(file, COURSE_ROOT) ? path.relative(COURSE_ROOT, file) : path.basename(file)
  }
}

const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = { Error, RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError }

function exists(file: string): boolean {
  try {
    realpathSync(file)
    return true
  } catch {
    return false
  }
}

// Every student process ends with this process, whatever ends it.
const live = new Set<StudentProcess>()
process.on('exit', () => {
  for (const student of live) {
    const pid = student.pid()
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    student.discard()
  }
})

// ---- StrykerJS (the mutation tester, maintainers only) ----

interface StrykerNamespace {
  activeMutant?: string
  currentTestId?: string
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> }
}

/**
 * Under StrykerJS the mutated code runs in the student process: the mutant to switch on and the test
 * running go there with each message, and the coverage the code recorded there comes back into
 * Stryker's own record in this process. Without Stryker nothing is sent.
 */
const strykerAmbient = {
  out(): Ambient | undefined {
    const ns = (globalThis as { __stryker__?: StrykerNamespace }).__stryker__
    return ns ? { stryker: { activeMutant: ns.activeMutant, currentTestId: ns.currentTestId } } : undefined
  },
  in(state: Ambient): void {
    const coverage = state.stryker?.coverage
    const ns = (globalThis as { __stryker__?: StrykerNamespace }).__stryker__
    if (!coverage || !ns) return
    const into = (ns.mutantCoverage ??= { static: {}, perTest: {} })
    for (const [id, n] of Object.entries(coverage.static ?? {})) into.static[id] = (into.static[id] ?? 0) + Number(n)
    for (const [test, counts] of Object.entries(coverage.perTest ?? {})) {
      const row = (into.perTest[test] ??= {})
      for (const [id, n] of Object.entries(counts)) row[id] = (row[id] ?? 0) + Number(n)
    }
  },
}

// ---- TensorFlow.js models ----

/**
 * The TensorFlow.js the tests train with, to rebuild a student's model in: the same instances of
 * tfjs-core and tfjs-layers that reference/public/tf.ts imports (neither package has an `exports`
 * map, so Node's import and require give one module).
 */
function trustedKit(): ModelKit {
  const require = createRequire(path.join(COURSE_ROOT, 'package.json'))
  const layers = require('@tensorflow/tfjs-layers') as Pick<ModelKit, 'Sequential' | 'LayersModel'>
  const core = require('@tensorflow/tfjs-core') as Pick<ModelKit, 'tensor'>
  return { Sequential: layers.Sequential, LayersModel: layers.LayersModel, tensor: core.tensor }
}
