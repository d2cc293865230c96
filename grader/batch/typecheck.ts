// Type errors do not fail tests (vitest strips types without checking them), so the grader also runs
// the TypeScript compiler on the staged files, bounded in time and memory, and reports what it
// finds as diagnostics. The compiler only reads the submission; it never runs it.
//
// The checks run in long-lived checker processes (typecheck-server.ts) that parse the libraries and
// the course's modules once for the whole batch, one process per check running at the same time.
// A check that overruns its time ends its process (a new one takes its place); one that runs out of
// memory ends it too. Either way the submission's result says that the check did not finish.
import { type ChildProcess, fork } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { STUDENT_PACKAGES } from '../core/package-map.ts'
import { COURSE_ROOT, PUBLIC_REFERENCE_DIR } from '../core/paths.ts'
import type { CheckReply, CheckRequest } from './typecheck-server.ts'

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'typecheck-server.ts')
const TSX_LOADER = pathToFileURL(path.join(COURSE_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
const HEAP_MB = 1536
const MAX_MESSAGES = 30

export interface TypeCheck {
  /** Each error's topic folder and its text: `01-limits/limits.ts(3,5): error TS2322: …`, relative to the workspace. */
  errors: Array<{ topic: string; message: string }>
  /** Set when the check could not finish (time or memory). */
  problem?: string
}

export async function typeCheck(workspace: string, files: string[], scratchDir: string, timeoutMs: number): Promise<TypeCheck> {
  const config = path.join(scratchDir, 'tsconfig.json')
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(COURSE_ROOT, 'tsconfig.json'),
      compilerOptions: {
        baseUrl: COURSE_ROOT,
        // Exercise code's @tensorflow/tfjs is the course's tf module (grader/core/package-map.ts),
        // which re-exports the parts of TensorFlow.js the course installs.
        paths: { '@course/*': [`${PUBLIC_REFERENCE_DIR}/*`], ...Object.fromEntries(Object.entries(STUDENT_PACKAGES).map(([name, file]) => [name, [path.join(COURSE_ROOT, file)]])) },
        typeRoots: [path.join(COURSE_ROOT, 'node_modules', '@types')],
        noEmit: true,
        incremental: false,
      },
      files: files.map((f) => path.join(workspace, f)),
      include: [],
    }),
  )
  const reply = await checkers.check({ workspace, files, config }, timeoutMs)
  if (reply.problem) return { errors: [], problem: reply.problem }
  const errors = reply.errors.map((e) => ({ topic: e.file.split('/')[0]!, message: e.message.split('\n')[0]!.trim() }))
  if (errors.length <= MAX_MESSAGES) return { errors }
  const last = errors[MAX_MESSAGES - 1]!
  return { errors: [...errors.slice(0, MAX_MESSAGES), { topic: last.topic, message: `… and ${errors.length - MAX_MESSAGES} more` }] }
}

/** Ends every checker process (the batch is over, or the grader is interrupted). */
export function stopCheckers(): void {
  checkers.stop()
}

class CheckerPool {
  private idle: ChildProcess[] = []
  private all = new Set<ChildProcess>()
  private nextId = 1

  check(request: Omit<CheckRequest, 'id'>, timeoutMs: number): Promise<CheckReply> {
    const id = this.nextId++
    const child = this.idle.pop() ?? this.spawn()
    child.ref()
    child.channel?.ref()
    return new Promise((resolve) => {
      const finish = (reply: CheckReply, reusable: boolean) => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        if (reusable) {
          child.unref()
          child.channel?.unref()
          this.idle.push(child)
        } else {
          child.kill('SIGKILL')
        }
        resolve(reply)
      }
      const onMessage = (reply: CheckReply) => {
        if (reply.id === id) finish(reply, true)
      }
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish({ id, errors: [], problem: `the type check did not finish (its process ended: ${signal ?? `exit code ${code}`}; out of memory?)` }, false)
      const timer = setTimeout(() => finish({ id, errors: [], problem: `the type check took longer than ${Math.round(timeoutMs / 1000)} s and was stopped` }, false), timeoutMs)
      child.on('message', onMessage)
      child.on('exit', onExit)
      child.send({ id, ...request } satisfies CheckRequest)
    })
  }

  stop(): void {
    for (const child of this.all) child.kill('SIGKILL')
    this.all.clear()
    this.idle = []
  }

  private spawn(): ChildProcess {
    const child = fork(SERVER, [], {
      cwd: COURSE_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      execArgv: ['--import', TSX_LOADER, `--max-old-space-size=${HEAP_MB}`],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    })
    this.all.add(child)
    // A checker that dies while idle (out of memory, killed) must not be handed the next check.
    child.on('exit', () => {
      this.all.delete(child)
      this.idle = this.idle.filter((c) => c !== child)
    })
    return child
  }
}

const checkers = new CheckerPool()
