// The one way the course runs a command to its end and keeps what it printed: the maintainers'
// tools (verify, the release check, the benchmark) and the suite runner. Student code never runs
// this way: it runs contained (sandbox/supervise.ts, bridge/).
import { spawn } from 'node:child_process'
import { COURSE_ROOT } from './paths.ts'

export interface CommandResult {
  /** The exit code; null when a signal ended the command. */
  code: number | null
  /** Standard output and error as they came, only the last `keepChars` characters. */
  output: string
}

export interface CommandOptions {
  /** Default: the course root. */
  cwd?: string
  /** The whole environment of the command (default: this process's). */
  env?: NodeJS.ProcessEnv
  keepChars?: number
}

export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const keepChars = options.keepChars ?? 200_000
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? COURSE_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-keepChars)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}
