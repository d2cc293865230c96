// Where the CPU of a grading run goes, by the role of each process (Linux /proc): the bench uses it
// to show why one grading job uses more than one core (and so how much a second job can add).
// Sampled: a process is read every SAMPLE_MS while it lives, and counted with the last CPU time
// seen, so the last interval of each process and processes shorter than one interval are missed.
import { readFileSync } from 'node:fs'
import { HAS_PROC, processTree, statFields } from '../../grader/sandbox/supervise.ts'

const SAMPLE_MS = 200
const TICKS_PER_SECOND = 100

export type Role = 'test processes' | 'vitest main process' | 'type checks' | 'grader' | 'other'

/** A process's role from its command line (the grader's own process is counted apart). */
export function roleOf(commandLine: string): Role {
  if (/grader\/vitest\/server\.ts|vitest\.mjs/.test(commandLine)) return 'vitest main process'
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
    for (const [pid, fields] of processTree(process.pid)) {
      if (pid === process.pid || !fields) continue
      const key = `${pid}:${fields[19]}`
      // An ended process not yet reaped has no command line: it keeps the role it was seen with.
      const commandLine = commandLineOf(pid)
      last.set(key, { role: commandLine ? roleOf(commandLine) : (last.get(key)?.role ?? 'other'), seconds: cpuSeconds(fields, 11) })
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

/** The CPU time in `fields` (statFields) from index `at`: user and kernel ticks. */
const cpuSeconds = (fields: string[], at: number) => (Number(fields[at]) + Number(fields[at + 1])) / TICKS_PER_SECOND

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return '' // ended meanwhile
  }
}

/** CPU seconds used so far by this process's waited-for children and theirs (Linux), else undefined. */
export function finishedChildrenCpuSeconds(): number | undefined {
  const fields = HAS_PROC ? statFields('self') : undefined
  return fields ? cpuSeconds(fields, 13) : undefined
}

/** CPU seconds the whole machine has spent outside idle and I/O wait since boot (/proc/stat). */
function machineCpuSeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const ticks = values.map(Number)
  return (ticks.reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!) / TICKS_PER_SECOND
}
