// Where the CPU of a grading run goes, by the role of each process (Linux /proc): the bench uses it
// to show why one grading job uses more than one core (and so how much a second job can add).
// Sampled: a process is read every SAMPLE_MS while it lives, and counted with the last CPU time
// seen, so the last interval of each process and processes shorter than one interval are missed.
import { readFileSync } from 'node:fs'
import { HAS_PROC, descendants } from '../batch/supervise.ts'

const SAMPLE_MS = 200
const TICKS_PER_SECOND = 100

export type Role = 'test processes' | 'vitest main process' | 'type checks' | 'grader' | 'other'

/** A process's role from its command line (the grader's own process is counted apart). */
export function roleOf(commandLine: string): Role {
  if (/vitest-server\.ts|vitest\.mjs/.test(commandLine)) return 'vitest main process'
  if (/typecheck-server\.ts/.test(commandLine)) return 'type checks'
  // vitest's test processes: the grader gives them Node's permission model.
  if (/--experimental-permission|--permission\b/.test(commandLine)) return 'test processes'
  return 'other'
}

export interface CpuByRole {
  wallSeconds: number
  /** CPU seconds of this process and its descendants, by role. */
  seconds: Record<Role, number>
  /** CPU seconds of the whole machine over the same interval (every process, not only ours). */
  machineSeconds: number
}

/** Starts sampling this process and its descendants; `stop()` returns the totals. Undefined without /proc. */
export function sampleCpuByRole(): { stop: () => CpuByRole } | undefined {
  if (!HAS_PROC) return undefined
  const started = performance.now()
  const machineBefore = machineCpuSeconds()
  const ownBefore = process.cpuUsage()
  // Keyed by pid and start time, so that a reused pid is another process.
  const last = new Map<string, { role: Role; seconds: number }>()
  const sample = () => {
    for (const pid of descendants(process.pid)) {
      if (pid === process.pid) continue
      const read = readProcess(pid)
      if (!read) continue
      const key = `${pid}:${read.startTicks}`
      // An ended process not yet reaped has no command line: it keeps the role it was seen with.
      last.set(key, { role: read.commandLine ? roleOf(read.commandLine) : (last.get(key)?.role ?? 'other'), seconds: read.seconds })
    }
  }
  const timer = setInterval(sample, SAMPLE_MS)
  return {
    stop: () => {
      sample()
      clearInterval(timer)
      const seconds: Record<Role, number> = { 'test processes': 0, 'vitest main process': 0, 'type checks': 0, grader: 0, other: 0 }
      for (const { role, seconds: s } of last.values()) seconds[role] += s
      const own = process.cpuUsage(ownBefore)
      seconds.grader = (own.user + own.system) / 1e6
      return { wallSeconds: (performance.now() - started) / 1000, seconds, machineSeconds: machineCpuSeconds() - machineBefore }
    },
  }
}

function readProcess(pid: number): { commandLine: string; seconds: number; startTicks: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    // Fields after the command name: utime and stime are the 12th and 13th, starttime the 20th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { commandLine, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, startTicks: fields[19]! }
  } catch {
    return undefined // ended meanwhile
  }
}

/** CPU seconds the whole machine has spent outside idle and I/O wait since boot (/proc/stat). */
function machineCpuSeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const ticks = values.map(Number)
  return (ticks.reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!) / TICKS_PER_SECOND
}

