// Progress for people: a bar with an ETA on a terminal, one plain line per student in CI and logs.
import cliProgress from 'cli-progress'

export interface Progress {
  start(total: number, cached: number): void
  done(line: string): void
  note(line: string): void
  stop(): void
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { start() {}, done() {}, note() {}, stop() {} }
  const interactive = stream.isTTY && !process.env.CI
  return interactive ? new BarProgress(stream) : new LineProgress(stream)
}

class LineProgress implements Progress {
  private total = 0
  private count = 0
  constructor(private readonly stream: NodeJS.WriteStream) {}
  start(total: number): void {
    this.total = total
  }
  done(line: string): void {
    this.count++
    this.stream.write(`[${this.count}/${this.total}] ${line}\n`)
  }
  note(line: string): void {
    this.stream.write(`${line}\n`)
  }
  stop(): void {}
}

class BarProgress implements Progress {
  private bars: cliProgress.MultiBar
  private bar: cliProgress.SingleBar | undefined
  constructor(stream: NodeJS.WriteStream) {
    this.bars = new cliProgress.MultiBar(
      { stream, format: 'grading {bar} {value}/{total} students | {duration_formatted} elapsed | ETA {eta_formatted} | {last}', hideCursor: true, etaBuffer: 20, fps: 5, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    )
  }
  start(total: number): void {
    this.bar = this.bars.create(total, 0, { last: '' })
  }
  done(line: string): void {
    this.bar?.increment(1, { last: line.length > 40 ? `${line.slice(0, 39)}…` : line })
  }
  note(line: string): void {
    this.bars.log(`${line}\n`) // printed above the bar
  }
  stop(): void {
    this.bars.stop()
  }
}
