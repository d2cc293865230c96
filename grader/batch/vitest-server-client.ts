// The grader's side of a kept vitest main process (grader/vitest/server.ts): one per grading
// job, started inside the sandbox on first use, handed one run at a time, and watched from outside
// as supervise() watches a one-off run: a wall-clock limit per run, a resident-memory limit per
// process, and a cap on the output kept. A run that times out, or a server that ends or reports
// anything unexpected, ends the server; the next run starts a new one.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { COURSE_ROOT, GRADER_DIR } from '../core/paths.ts'
import { type FileSystemView, type Sandbox, sandboxed } from '../sandbox/isolation.ts'
import { CappedOutput, type Limits, type Supervised, track, untrack, watchMemory } from '../sandbox/supervise.ts'
import type { ServerMessage, ServerRunRequest } from '../vitest/server.ts'
import { settingsEnv } from '../core/settings.ts'

const TSX_LOADER = pathToFileURL(path.join(COURSE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
const SERVER = path.join(GRADER_DIR, 'vitest', 'server.ts')
/** Runs per server before it is replaced anyway (bounds whatever vitest keeps between runs). */
const MAX_RUNS = 40

export interface ServerOptions {
  sandbox: Sandbox
  view: FileSystemView
  /** A folder of this job's own, for the server's home, temp files and vite cache. */
  dir: string
  moduleCacheDir?: string
  /** Heap of the server process (MB). */
  heapMb: number
}

type RunSpec = Omit<ServerRunRequest, 'type' | 'id'>

interface Pending {
  id: number
  resolve: (message: Extract<ServerMessage, { type: 'done' }>) => void
}

export class VitestServer {
  /** The server's temp folder: vitest hands transformed modules to the test processes through it. */
  readonly tmpDir: string
  private child?: ChildProcess
  private ready?: Promise<void>
  private ended?: Promise<'exited'>
  private pending?: Pending
  private output?: CappedOutput
  private exited?: { code: number | null; signal: NodeJS.Signals | null }
  private runs = 0
  private nextId = 1

  constructor(private readonly options: ServerOptions) {
    this.tmpDir = path.join(options.dir, 'tmp')
  }

  async run(spec: RunSpec, limits: Limits): Promise<Supervised> {
    const started = Date.now()
    if (this.child && (this.exited || this.runs >= MAX_RUNS)) this.stop()
    const output = new CappedOutput(limits.outputBytes)
    this.output = output
    const memory = watchMemory(() => this.child?.pid, limits.rssMb)
    let timedOut = false
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limits.wallClockMs)))
    let exitCode: number | null = 0
    let signal: NodeJS.Signals | null = null
    try {
      const outcome = await Promise.race([this.send(spec), deadline])
      if (outcome === 'timeout') {
        timedOut = true
        this.stop()
        exitCode = null
        signal = 'SIGKILL'
      } else if (outcome === 'exited') {
        exitCode = this.exited?.code ?? null
        signal = this.exited?.signal ?? null
        this.stop()
      } else if (!outcome.clean) {
        output.add(Buffer.from(`\n[grader] ${outcome.problem ?? 'the test server reported a problem'}\n`))
        this.stop()
      }
    } finally {
      clearTimeout(timer)
      memory.stop()
      this.output = undefined
    }
    return { exitCode, signal, output: output.text(), outputBytesSeen: output.seen, peakRssMb: Math.round(memory.peakMb), timedOut, memoryKills: memory.kills, durationMs: Date.now() - started }
  }

  /** Ends the server and everything it started. */
  stop(): void {
    const child = this.child
    if (!child?.pid) return
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
    untrack(child.pid)
    this.child = undefined
    this.ready = undefined
    this.ended = undefined
    this.runs = 0
    this.pending?.resolve({ type: 'done', id: this.pending.id, clean: false, problem: 'the test server was stopped' })
    this.pending = undefined
  }

  private async send(spec: RunSpec): Promise<Extract<ServerMessage, { type: 'done' }> | 'exited'> {
    if (!this.ready) this.start()
    const child = this.child!
    const ended = this.ended!
    if ((await Promise.race([this.ready!, ended])) === 'exited') return 'exited'
    this.runs++
    const id = this.nextId++
    const done = new Promise<Extract<ServerMessage, { type: 'done' }>>((resolve) => (this.pending = { id, resolve }))
    child.send({ type: 'run', id, ...spec } satisfies ServerRunRequest)
    return Promise.race([done, ended])
  }

  private start(): void {
    const { dir, sandbox, view } = this.options
    mkdirSync(this.tmpDir, { recursive: true })
    this.exited = undefined
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      TMPDIR: this.tmpDir,
      LANG: 'C.UTF-8',
      NO_COLOR: '1',
      ...settingsEnv({
        quiet: true,
        sharedProcess: true,
        target: dir,
        diagnosticsFile: path.join(dir, 'diagnostics.jsonl'),
        cacheDir: path.join(dir, 'vite-cache'),
        scratchRoot: view.scratchRoot,
        moduleCache: this.options.moduleCacheDir,
      }),
    }
    const command = [process.execPath, '--import', TSX_LOADER, `--max-old-space-size=${this.options.heapMb}`, SERVER]
    const { file, args } = sandboxed(sandbox, command, view)
    const child = spawn(file, args, { cwd: COURSE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true })
    this.child = child
    if (child.pid) track(child.pid)
    child.stdout!.on('data', (chunk: Buffer) => this.output?.add(chunk))
    child.stderr!.on('data', (chunk: Buffer) => this.output?.add(chunk))
    this.ended = new Promise<'exited'>((resolve) =>
      child.once('exit', (code, signal) => {
        if (this.child === child) this.exited = { code, signal }
        if (child.pid) untrack(child.pid)
        resolve('exited')
      }),
    )
    this.ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: ServerMessage) => {
        if (message?.type === 'ready') resolve()
        else if (message?.type === 'done' && this.pending?.id === message.id) {
          const pending = this.pending
          this.pending = undefined
          pending.resolve(message)
        }
      })
      child.once('error', reject)
    })
    // The wait for 'ready' is raced against the process's end in send(); an unhandled rejection here would end the grader.
    this.ready.catch(() => undefined)
  }
}
