// Runs one command for the grader and keeps it within bounds from outside: a wall-clock limit, a
// resident-memory limit per process of its tree (checked from /proc, where there is one), and a cap
// on the output kept. The command gets a process group of its own so that it can be ended whole.
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

export interface Limits {
  wallClockMs: number
  /** Resident memory allowed to any one process of the tree (MB); 0 for no check. */
  rssMb: number
  /** Output bytes kept: the first and last halves of this many, with a note of what was cut. */
  outputBytes: number
}

export interface Supervised {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** stdout and stderr interleaved, cut to `outputBytes` (untrusted). */
  output: string
  outputBytesSeen: number
  /** The largest resident size seen of any one process of the tree (MB; 0 without /proc). */
  peakRssMb: number
  timedOut: boolean
  /** Processes ended for using too much memory. */
  memoryKills: Array<{ pid: number; rssMb: number; command: string }>
  durationMs: number
}

const POLL_MS = 250
export const HAS_PROC = (() => {
  try {
    readdirSync('/proc/self')
    return true
  } catch {
    return false
  }
})()

/** Process groups started and not yet ended, so that an interrupted grader can end them. */
const running = new Set<number>()

/** Counts a process group the grader started some other way among those `stopAll` ends. */
export function track(pid: number): void {
  running.add(pid)
}

export function untrack(pid: number): void {
  running.delete(pid)
}

/** Ends everything `supervise` started that is still running (the grader is being interrupted). */
export function stopAll(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  running.clear()
}

export function supervise(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; limits: Limits }): Promise<Supervised> {
  const { limits } = options
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    if (child.pid) running.add(child.pid)
    const output = new CappedOutput(limits.outputBytes)
    let timedOut = false
    const killTree = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    const wallClock = setTimeout(() => {
      timedOut = true
      killTree()
    }, limits.wallClockMs)
    const memory = watchMemory(() => child.pid, limits.rssMb)
    child.stdout.on('data', (chunk: Buffer) => output.add(chunk))
    child.stderr.on('data', (chunk: Buffer) => output.add(chunk))
    child.on('error', (error) => {
      clearTimeout(wallClock)
      memory.stop()
      reject(error)
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(wallClock)
      memory.stop()
      killTree() // anything the command left behind in its group
      if (child.pid) running.delete(child.pid)
      resolve({ exitCode, signal, output: output.text(), outputBytesSeen: output.seen, peakRssMb: Math.round(memory.peakMb), timedOut, memoryKills: memory.kills, durationMs: Date.now() - started })
    })
  })
}

/**
 * Every POLL_MS, the resident size of each process under `root()` (Linux /proc): keeps the largest
 * seen and ends any process over `limitMb`. With a limit of 0, or without /proc, it does nothing.
 */
export function watchMemory(root: () => number | undefined, limitMb: number): { stop(): void; readonly peakMb: number; kills: Supervised['memoryKills'] } {
  const watch = { peakMb: 0, kills: [] as Supervised['memoryKills'], stop: () => {} }
  if (limitMb <= 0 || !HAS_PROC) return watch
  const timer = setInterval(() => {
    const pid = root()
    if (pid === undefined) return
    for (const p of descendants(pid)) {
      const rssMb = residentMb(p)
      watch.peakMb = Math.max(watch.peakMb, rssMb)
      if (rssMb > limitMb) {
        watch.kills.push({ pid: p, rssMb: Math.round(rssMb), command: commandOf(p) })
        try {
          process.kill(p, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }
  }, POLL_MS)
  watch.stop = () => clearInterval(timer)
  return watch
}

/** Keeps the first and last halves of a byte budget; counts everything. */
export class CappedOutput {
  private head: Buffer[] = []
  private headBytes = 0
  private tail: Buffer[] = []
  private tailBytes = 0
  seen = 0
  constructor(private readonly budget: number) {}

  add(chunk: Buffer): void {
    this.seen += chunk.length
    const half = Math.floor(this.budget / 2)
    if (this.headBytes < half) {
      const part = chunk.subarray(0, half - this.headBytes)
      this.head.push(part)
      this.headBytes += part.length
      chunk = chunk.subarray(part.length)
    }
    if (chunk.length === 0) return
    this.tail.push(chunk)
    this.tailBytes += chunk.length
    while (this.tailBytes - this.tail[0]!.length >= half) this.tailBytes -= this.tail.shift()!.length
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8')
    let tail = Buffer.concat(this.tail)
    const half = Math.floor(this.budget / 2)
    if (tail.length > half) tail = tail.subarray(tail.length - half)
    const cut = this.seen - this.headBytes - tail.length
    return cut > 0 ? `${head}\n… (${cut} bytes of output not kept) …\n${tail.toString('utf8')}` : head + tail.toString('utf8')
  }
}

/**
 * The fields of `/proc/<pid>/stat` after the command name, so that index 1 is the parent, 11 and 12
 * the CPU ticks in user and kernel mode, 13 and 14 those of waited-for children, 19 the start time.
 * Undefined once the process is gone.
 */
export function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: the fields after the last ")" are safe.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined
  }
}

/** Every process whose chain of parents leads to `root` (Linux /proc), root included, with its statFields. */
export function processTree(root: number): Map<number, string[] | undefined> {
  const all = new Map<number, string[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const fields = statFields(Number(name))
    if (fields) all.set(Number(name), fields)
  }
  const tree = new Map<number, string[] | undefined>([[root, all.get(root)]])
  // A Map's iteration reaches the entries added during it: parents before their children.
  for (const pid of tree.keys()) for (const [child, fields] of all) if (Number(fields[1]) === pid) tree.set(child, fields)
  return tree
}

export function descendants(root: number): number[] {
  return [...processTree(root).keys()]
}

function residentMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : 0
  } catch {
    return 0
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 3).join(' ').slice(0, 200)
  } catch {
    return ''
  }
}
