// How the trusted test process talks to one student process, synchronously.
//
// A thread of the test process (io-thread.ts) starts the student process, keeps its output within a
// cap and says when it ends. The messages themselves go one of two ways:
//   - through two named pipes (FIFOs) that this thread writes and reads directly, the answers with a
//     blocking read: about 15 µs for a call and its answer (Linux and macOS). This side holds the
//     answers pipe open for writing too, so that the I/O thread can wake the read with a marker
//     when the student process ends or its time is up;
//   - where there are no FIFOs (Windows), through the I/O thread, which this thread waits on with
//     Atomics.wait: about 70 µs.
// Either way the wait is bounded by the caller's deadline and ends when the student process does.
import { spawnSync } from 'node:child_process'
import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads'
import { ProtocolError, type Transport } from './endpoint.ts'
import type { IoEvent, IoThreadSetup } from './io-thread.ts'
import type { Message } from './wire.ts'
import { readSetting } from '../core/settings.ts'

export type ExitEvent = Extract<IoEvent, { k: 'exit' }>

export interface ChannelOptions {
  /** The staged io-thread module. */
  ioThread: string
  /** The command that starts the student process, given the FIFO it answers on (if any); the channel adds the FIFOs' paths after it. */
  command(answers: string | undefined): string[]
  env: Record<string, string>
  /** The student process's folder (its staged code); the FIFOs go here. */
  dir: string
  maxFrameBytes: number
  outputBytes: number
  /** When the wait for an answer must end (ms since the epoch). */
  until(): number
  /** The error for a wait that ran out of time (the student process is being killed). */
  timeout(): Error
  /** The error for a student process that ended. */
  ended(event: ExitEvent): Error
}

export interface Channel {
  transport: Transport
  /** The student process's pid, once it has started. */
  pid(): number | undefined
  /** Ends the student process; resolves when it has ended and its last output is written (at most a few seconds). */
  close(): Promise<void>
}

const FRAME_HEADER = 4

let channels = 0

export function openChannel(options: ChannelOptions): Channel {
  const fifos = process.platform !== 'win32' && readSetting('bridgeTransport') !== 'thread' ? makeFifos(options.dir, ++channels) : undefined
  // Int32 [0]: events posted to the port (the waiting thread sleeps on it); [1]: the student process's
  // pid. Float64 [1]: when the current wait must end (ms since the epoch; 0: no wait), for the I/O thread.
  const signal = new SharedArrayBuffer(16)
  const counter = new Int32Array(signal, 0, 2)
  const deadline = new Float64Array(signal, 8, 1)
  const { port1, port2 } = new MessageChannel()
  const [command, ...args] = [...options.command(fifos?.fromStudent), ...(fifos ? [fifos.toStudent, fifos.fromStudent] : [])]
  const setup: IoThreadSetup = {
    command: command!, args, env: options.env, cwd: options.dir, signal, port: port2,
    frames: !fifos, ...(fifos ? { wake: fifos.fromStudent } : {}), maxFrameBytes: options.maxFrameBytes, outputBytes: options.outputBytes,
  }
  const thread = new Worker(options.ioThread, { workerData: setup, transferList: [port2] })
  thread.unref()
  let exit: ExitEvent | undefined
  const events = () => {
    for (let event = receiveMessageOnPort(port1)?.message as IoEvent | undefined; event; event = receiveMessageOnPort(port1)?.message as IoEvent | undefined) {
      if (event.k === 'exit') exit = event
      else return event
    }
    return undefined
  }
  const kill = () => port1.postMessage({ k: 'kill' })
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      kill()
      if (fifos) {
        for (const fd of [fifos.write, fifos.read]) {
          try {
            closeSync(fd)
          } catch {
            // already closed
          }
        }
      }
      // The thread reports the end once the process's output is written; it then has nothing left to do.
      const done = () => {
        clearTimeout(timer)
        port1.close()
        void thread.terminate()
        resolve()
      }
      const timer = setTimeout(done, 3000)
      timer.unref()
      if (exit || events() || exit) done()
      else port1.on('message', (event: IoEvent) => event.k === 'exit' && done())
    })
    return closing
  }
  const pid = () => {
    const value = Atomics.load(counter, 1)
    return value > 0 ? value : undefined
  }

  const transport: Transport = fifos
    ? fifoTransport(fifos, options, { events, exited: () => exit, kill, deadline })
    : {
        send: (message) => {
          const bytes = serialize(message)
          port1.postMessage({ k: 'frame', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice() })
        },
        receive: () => {
          const until = options.until()
          for (;;) {
            const seen = Atomics.load(counter, 0)
            const event = events()
            if (event?.k === 'frame') return read(event.bytes)
            if (exit) throw options.ended(exit)
            const left = until - Date.now()
            if (left <= 0) {
              kill()
              throw options.timeout()
            }
            Atomics.wait(counter, 0, seen, Math.min(left, 1000))
          }
        },
      }
  return { transport, pid, close }
}

function read(bytes: Uint8Array): Message {
  try {
    return deserialize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Message
  } catch {
    throw new ProtocolError('a message that could not be read')
  }
}

interface Fifos {
  toStudent: string
  fromStudent: string
  write: number
  read: number
}

/** A frame header no message has: the I/O thread's "look at your port" (the process ended, or time is up). */
export const WAKE_MARKER = 0xffffffff

/** Two FIFOs in `dir`, with this side's ends open; undefined if they cannot be made. */
function makeFifos(dir: string, n: number): Fifos | undefined {
  const toStudent = path.join(dir, `to-student-${n}.fifo`)
  const fromStudent = path.join(dir, `from-student-${n}.fifo`)
  const made = spawnSync('mkfifo', ['-m', '600', toStudent, fromStudent], { stdio: 'ignore' })
  if (made.status !== 0) return undefined
  // Both opened read-write, which Linux and macOS allow for a FIFO without waiting for the other
  // end: requests are written without blocking (a full pipe is waited out with the deadline in
  // view); answers are read blocking, and since this side also holds the answers pipe for writing,
  // the I/O thread can always end the wait with a marker.
  const write = openSync(toStudent, constants.O_RDWR | constants.O_NONBLOCK)
  const read = openSync(fromStudent, constants.O_RDWR)
  return { toStudent, fromStudent, write, read }
}

function fifoTransport(fifos: Fifos, options: ChannelOptions, io: { events(): IoEvent | undefined; exited(): ExitEvent | undefined; kill(): void; deadline: Float64Array }): Transport {
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  /** The I/O thread woke this thread: the process ended (or was ended for its time): why? */
  const woken = (until: number): Error => {
    // The marker may come just before the exit event; a marker without an exit is the student's forgery.
    for (let waited = 0; !io.exited() && waited < 3_000; waited += 5) {
      io.events()
      if (!io.exited()) Atomics.wait(sleeper, 0, 0, 5)
    }
    const exit = io.exited()
    if (!exit) {
      io.kill()
      return new ProtocolError('a message that pretends to end the conversation')
    }
    return Date.now() >= until ? options.timeout() : options.ended(exit)
  }
  /** Reads exactly `into.length` bytes (blocking), or throws when the I/O thread wakes it. */
  const readExactly = (into: Buffer, until: number, header: boolean): Buffer => {
    let done = 0
    while (done < into.length) {
      const n = readSync(fifos.read, into, done, into.length - done, null)
      done += n
      if (header && done === 4 && into.readUInt32LE(0) === WAKE_MARKER) throw woken(until)
      // A process that ended in the middle of a message: its remains are followed by markers.
      if (done < into.length && io.exited()) throw woken(until)
    }
    return into
  }
  const header = Buffer.alloc(FRAME_HEADER)
  return {
    send(message) {
      const body = serialize(message)
      const frame = Buffer.allocUnsafe(FRAME_HEADER + body.length)
      frame.writeUInt32LE(body.length, 0)
      body.copy(frame, FRAME_HEADER)
      const until = options.until()
      let done = 0
      for (let polls = 0; done < frame.length; polls++) {
        try {
          done += writeSync(fifos.write, frame, done, frame.length - done)
          polls = 0
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
          // A full pipe: the student process reads slowly, or not at all.
          io.events()
          const exit = io.exited()
          if (exit) throw options.ended(exit)
          if (Date.now() >= until) {
            io.kill()
            throw options.timeout()
          }
          Atomics.wait(sleeper, 0, 0, polls < 100 ? 0.05 : 1)
        }
      }
    },
    receive() {
      const until = options.until()
      io.events()
      const exit = io.exited()
      if (exit) throw options.ended(exit)
      io.deadline[0] = until
      try {
        const length = readExactly(header, until, true).readUInt32LE(0)
        if (length > options.maxFrameBytes) {
          io.kill()
          throw options.ended({ k: 'exit', code: null, signal: null, tooLarge: length })
        }
        return read(readExactly(Buffer.allocUnsafe(length), until, false))
      } finally {
        io.deadline[0] = 0
      }
    },
  }
}
