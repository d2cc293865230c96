// The student process: the only process in which a student's code runs.
//
// It is started by the trusted test process (grader/bridge/student-process.ts) with Node's permission
// model (it may read only its staged code and node_modules; no writes, no child processes, no
// workers, no native code, and no network where Linux namespaces or Node 25+ cut it off), loads the
// student's modules on request and answers calls, over a pair of pipes (channel.ts) with blocking
// reads: student code is synchronous, and so is every call. Whatever
// the code does here (patching built-ins, exiting, looping, printing) reaches no verdict: the tests,
// the oracles and every comparison are on the other side, which only receives data.
import { openSync, readSync, writeSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { deserialize, serialize } from 'node:v8'
import { createRng } from '@course/rng'
import { Endpoint, ProtocolError, type Transport } from './endpoint.ts'
import { encodeModel, rebuildModel, registeredKit } from './models.ts'
import { type Ambient, type Message, encodeError } from './wire.ts'

// Two FIFOs named on the command line (Linux, macOS), or file descriptors 3 and 4 (elsewhere).
const [REQUESTS, ANSWERS] = process.argv[3] ? [openSync(process.argv[2]!, 'r'), openSync(process.argv[3], 'w')] : [3, 4]

const header = Buffer.alloc(4)

function readExactly(into: Buffer): Buffer {
  let done = 0
  while (done < into.length) {
    const n = readSync(REQUESTS, into, done, into.length - done, null)
    // The trusted side closed its end: nothing more will be asked.
    if (n === 0) process.exit(0)
    done += n
  }
  return into
}

function writeAll(data: Buffer): void {
  let done = 0
  while (done < data.length) done += writeSync(ANSWERS, data, done, data.length - done)
}

const transport: Transport = {
  send(message: Message): void {
    const body = serialize(message)
    const frame = Buffer.allocUnsafe(4 + body.length)
    frame.writeUInt32LE(body.length, 0)
    body.copy(frame, 4)
    writeAll(frame)
  },
  receive(): Message {
    const length = readExactly(header).readUInt32LE(0)
    return deserialize(readExactly(Buffer.allocUnsafe(length))) as Message
  },
}

const modules = new Map<string, Record<string, unknown>>()

const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = { Error, RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError }

/** StrykerJS's state (the mutation tester, maintainers only): the active mutant in, the coverage it saw out. */
interface StrykerNamespace {
  activeMutant?: string
  currentTestId?: string
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> }
}
const stryker = () => (globalThis as { __stryker__?: StrykerNamespace }).__stryker__
const ambient = {
  in(state: Ambient): void {
    if (!state.stryker) return
    const ns = stryker() ?? ((globalThis as { __stryker__?: StrykerNamespace }).__stryker__ = {})
    ns.activeMutant = state.stryker.activeMutant
    ns.currentTestId = state.stryker.currentTestId
  },
  out(): Ambient | undefined {
    const ns = stryker()
    const coverage = ns?.mutantCoverage
    if (!ns || !coverage || (Object.keys(coverage.static).length === 0 && Object.keys(coverage.perTest).length === 0)) return undefined
    ns.mutantCoverage = { static: {}, perTest: {} }
    return { stryker: { coverage } }
  },
}

const endpoint = new Endpoint(transport, {
  side: 'student',
  resolve: (module, name) => {
    const exports = modules.get(module)
    if (!exports) throw new ProtocolError(`module ${module} is not loaded`)
    return exports[name]
  },
  // TensorFlow.js models cross as data both ways (models.ts): rebuilt here with the student's own TensorFlow.js.
  special: encodeModel,
  model: (node) => rebuildModel(node, registeredKit()),
  // A copy of a test's rng, kept in step with it (wire.ts).
  rng: (state) => createRng(state),
  // A test's portable function: its own source, with the values it uses (reference/oracles/described.ts).
  portable: (code, scope) => {
    const names = Object.keys(scope)
    return new Function(...names, `'use strict'; return (${code})`)(...names.map((name) => scope[name])) as Function
  },
  ambient,
  // An error a test's function threw into this code (a call budget used up, say): one of this realm.
  error: (node) => {
    const error = new (BUILT_IN_ERRORS[node.name] ?? Error)(node.message)
    if (!(node.name in BUILT_IN_ERRORS)) error.name = node.name
    return error
  },
})

// Libraries' own ES modules may import their siblings without an extension (tfjs-core's gradients
// and chained ops, which the course's TensorFlow.js loads): as their bundler would, try `.js`. Only
// for imports between files of node_modules; exercise code is staged with its imports resolved.
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context)
    } catch (error) {
      const code = (error as { code?: string }).code
      const fromLibrary = context.parentURL?.includes('/node_modules/') && (specifier.startsWith('./') || specifier.startsWith('../'))
      if (!fromLibrary || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT')) throw error
      for (const ending of ['.js', '/index.js']) {
        try {
          return next(specifier + ending, context)
        } catch {
          // try the next
        }
      }
      throw error
    }
  },
})

// Ways to reach Node's internals without an import, which the staging step checks. Exercise code has
// no business with them (the rules say so); here they could only hurt this process.
for (const name of ['getBuiltinModule', 'binding', '_linkedBinding', 'dlopen'] as const) Reflect.deleteProperty(process, name)
// The network APIs that need no import (Linux namespaces and Node 25+'s permission model cut the
// network off as well; without either, these are the ways left).
for (const name of ['fetch', 'WebSocket', 'EventSource'] as const) Reflect.deleteProperty(globalThis, name)
// No signal to another process: this one's parent is the trusted test process. process.kill checks
// its arguments and then calls the internal process._kill, so both are guarded; the originals stay
// in this closure, out of the exercise code's reach.
type RawKill = (pid: number, signal: number) => number
const internals = process as unknown as { _kill: RawKill }
const rawKill = internals._kill.bind(process)
const refuse = (pid: number) => new Error(`process.kill(${pid}) refused: exercise code may not signal other processes`)
internals._kill = (pid, signal) => {
  if (pid !== process.pid) throw refuse(pid)
  return rawKill(pid, signal)
}
const checkedKill = process.kill.bind(process)
process.kill = (pid: number, signal?: string | number): true => {
  if (pid !== process.pid) throw refuse(pid)
  return checkedKill(pid, signal)
}
// An error thrown later by code that a call left behind (a timer, a promise) belongs to no call.
process.on('uncaughtException', (error) => process.stderr.write(`[your code] an error outside any call: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`))
process.on('unhandledRejection', (error) => process.stderr.write(`[your code] a promise failed outside any call: ${error instanceof Error ? error.message : String(error)}\n`))

for (;;) {
  const message = transport.receive()
  if (message.ambient) ambient.in(message.ambient)
  if (message.k === 'load') {
    try {
      const exports = (await import(message.url)) as Record<string, unknown>
      modules.set(message.url, exports)
      const out = ambient.out()
      transport.send({ k: 'loaded', id: message.id, exports: Object.keys(exports), ...(out ? { ambient: out } : {}) })
    } catch (error) {
      transport.send({ k: 'throw', id: message.id, error: encodeError(error) })
    }
  } else if (message.k === 'call') {
    const pending = endpoint.serve(message)
    if (pending) {
      // An async exercise function: wait for its promise before taking the next message. The timer
      // keeps Node from ending this process over a promise that never settles; the test's deadline ends it.
      const alive = setInterval(() => {}, 60_000)
      try {
        await pending
      } finally {
        clearInterval(alive)
      }
    }
  } else {
    process.stderr.write(`[course bridge] unexpected ${String((message as { k?: unknown }).k)} message\n`)
    process.exit(70)
  }
}
