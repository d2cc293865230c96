// A thread of the trusted test process that owns one student process: it starts it, carries frames
// to and from it, keeps its output within a cap, and says when it ends. The test's own thread waits
// on a shared counter (Atomics.wait) while a call runs, which is how a call to student code can be
// synchronous, time out, and survive the student process's death.
import { spawn } from 'node:child_process'
import { closeSync, constants, openSync, writeSync } from 'node:fs'
import type { Readable, Writable } from 'node:stream'
import { type MessagePort, workerData } from 'node:worker_threads'

export interface IoThreadSetup {
  command: string
  args: string[]
  env: Record<string, string>
  cwd: string
  /**
   * Int32 [0]: the count of messages posted to `port` (the waiting thread sleeps on it); Int32 [1]:
   * the student process's pid; Float64 [1]: when the test's thread must stop waiting (0: not waiting).
   */
  signal: SharedArrayBuffer
  port: MessagePort
  /** Carry the messages (file descriptors 3 and 4 of the student process); false when the test's thread uses FIFOs. */
  frames: boolean
  /** With FIFOs: the answers pipe, into which this thread writes a marker to wake the test's thread. */
  wake?: string
  /** A frame from the student process longer than this ends it (a result too large to carry). */
  maxFrameBytes: number
  /** Output of the student process kept: this many bytes from its start and as many from its end. */
  outputBytes: number
}

/** What the thread tells the test's thread. */
export type IoEvent =
  | { k: 'frame'; bytes: Uint8Array }
  | { k: 'exit'; code: number | null; signal: string | null; error?: string; tooLarge?: number }

const setup = workerData as IoThreadSetup
const counter = new Int32Array(setup.signal, 0, 2)
const deadline = new Float64Array(setup.signal, 8, 1)
const post = (event: IoEvent, transfer: ArrayBuffer[] = []) => {
  setup.port.postMessage(event, transfer)
  Atomics.add(counter, 0, 1)
  Atomics.notify(counter, 0)
}

const child = spawn(setup.command, setup.args, { cwd: setup.cwd, env: setup.env, stdio: setup.frames ? ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'] })
if (child.pid) Atomics.store(counter, 1, child.pid)
const requests = (child.stdio[3] ?? undefined) as Writable | undefined
const answers = (child.stdio[4] ?? undefined) as Readable | undefined
let tooLarge: number | undefined
let spawnError: string | undefined
child.on('error', (error) => {
  spawnError = error.message
})
requests?.on('error', () => {
  // The student process is gone; its exit is reported below.
})

setup.port.on('message', (message: { k: 'frame'; bytes: Uint8Array } | { k: 'kill' }) => {
  if (message.k === 'kill') {
    child.kill('SIGKILL')
    return
  }
  const header = Buffer.alloc(4)
  header.writeUInt32LE(message.bytes.byteLength, 0)
  requests?.write(Buffer.concat([header, message.bytes]))
})

// Frames: a 4-byte length, then that many bytes of V8-serialized message.
let buffered: Buffer[] = []
let bufferedBytes = 0
let expected = -1
answers?.on('data', (chunk: Buffer) => {
  buffered.push(chunk)
  bufferedBytes += chunk.length
  for (;;) {
    if (expected < 0) {
      if (bufferedBytes < 4) return
      const all = Buffer.concat(buffered)
      expected = all.readUInt32LE(0)
      buffered = [all.subarray(4)]
      bufferedBytes = all.length - 4
      if (expected > setup.maxFrameBytes) {
        tooLarge = expected
        child.kill('SIGKILL')
        answers?.destroy()
        return
      }
    }
    if (bufferedBytes < expected) return
    const all = Buffer.concat(buffered)
    const frame = new Uint8Array(expected)
    frame.set(all.subarray(0, expected))
    buffered = [all.subarray(expected)]
    bufferedBytes = all.length - expected
    expected = -1
    post({ k: 'frame', bytes: frame }, [frame.buffer])
  }
})

/**
 * Keeps the head and the tail of a stream, and says how much of the middle was left out. Written
 * straight to this process's own stdout or stderr (file descriptor `fd`): a thread's process.stdout
 * goes through the test's thread, which is busy waiting while student code runs.
 */
function capped(stream: Readable, fd: 1 | 2): Promise<void> {
  const half = Math.max(1024, Math.floor(setup.outputBytes / 2))
  const pause = new Int32Array(new SharedArrayBuffer(4))
  const write = (data: string | Buffer) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data
    // A full pipe (the reader is slow) is waited out, for a while; past that, output is best effort.
    for (let done = 0, waits = 0; done < bytes.length && waits < 2_000; ) {
      try {
        done += writeSync(fd, bytes, done, bytes.length - done)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return
        waits++
        Atomics.wait(pause, 0, 0, 1)
      }
    }
  }
  let head = 0
  let tail: Buffer[] = []
  let tailBytes = 0
  let dropped = 0
  stream.on('data', (chunk: Buffer) => {
    if (head < half) {
      const part = chunk.subarray(0, half - head)
      head += part.length
      write(part)
      chunk = chunk.subarray(part.length)
    }
    if (chunk.length === 0) return
    tail.push(chunk)
    tailBytes += chunk.length
    while (tailBytes - tail[0]!.length >= half) {
      dropped += tail[0]!.length
      tailBytes -= tail.shift()!.length
    }
  })
  return new Promise((resolve) =>
    stream.on('close', () => {
      if (dropped) write(`\n[… ${dropped} bytes of your code's output not shown …]\n`)
      for (const part of tail) write(part)
      tail = []
      resolve()
    }),
  )
}

/** With FIFOs, the test's thread blocks reading the answers pipe: a marker (a header no message has) wakes it. */
function wakeTestThread(): void {
  if (!setup.wake) return
  try {
    const fd = openSync(setup.wake, constants.O_WRONLY | constants.O_NONBLOCK)
    const marker = Buffer.alloc(4, 0xff)
    // Several: one for a wait on a header, the rest to finish the read of a message cut short.
    for (let i = 0; i < 8; i++) writeSync(fd, marker)
    closeSync(fd)
  } catch {
    // The test's thread closed its end: nobody waits.
  }
}

// The deadline of the test's current wait: past it, the process is ended (and the wait woken below).
const watch = setInterval(() => {
  const until = deadline[0]!
  if (until > 0 && Date.now() > until) child.kill('SIGKILL')
}, 10)
watch.unref()

const outputs = Promise.all([capped(child.stdout!, 1), capped(child.stderr!, 2)])
let reported = false
// 'close' comes after every frame was read: nothing the process said is lost.
child.on('close', (code, signal) => {
  void outputs.then(() => {
    if (reported) return
    reported = true
    post({ k: 'exit', code, signal, ...(spawnError ? { error: spawnError } : {}), ...(tooLarge ? { tooLarge } : {}) })
    wakeTestThread()
  })
})
