// One end of the bridge: synchronous calls to the other side, and answers to its calls.
//
// Both sides run it, each over its own blocking transport. Calls nest: while a call waits for its
// answer, it serves the calls the other side makes meanwhile (a student's function calling the `f`
// a test gave it, which may call back into a function the student returned, …). Functions cross as
// handles; a handle that comes back is the original function again, so identity survives the trip.
// After a call, the side that ran it sends the arguments back if it changed them, and the caller
// mirrors the change into its own objects: what a test sees is what an in-process call would have
// done to its arguments. A result that shares part of an argument comes back as that very part.
import { type Ambient, type Message, PORTABLE, RNG_STATE, type RngStates, type Side, type Wire, type WireError, type WireNode, decode, encode, encodeError, sameWire } from './wire.ts'
import { isLayersModel } from './models.ts'

export interface Transport {
  send(message: Message): void
  /** Blocks until the next message; throws when the other side is gone or time is up. */
  receive(): Message
}

export interface EndpointOptions {
  side: Side
  /** An export of a loaded module, for the other side's module calls (the student side only). */
  resolve?(module: string, name: string): unknown
  /** Records for values this side knows specially: TensorFlow.js models (models.ts). */
  special?(value: object): WireNode | undefined
  /** Rebuilds a model the other side sent. */
  model?(node: Extract<WireNode, { t: 'model' }>): unknown
  /** Turns an error from the other side into one of this realm. */
  error(node: WireError): Error
  /** A copy of a course rng at `state` (the student side: reference/public/rng.ts's createRng). */
  rng?(state: number): Function
  /** Builds a portable function from its source and scope (the student side). */
  portable?(code: string, scope: Record<string, unknown>): Function
  /** State to send with every message (wire.ts's Ambient), and what to do with the other side's. */
  ambient?: { out(): Ambient | undefined; in(state: Ambient): void }
}

/** Raised when the other side sends what the protocol does not allow. */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
}

/** Marks an error that came from the other side's callback: the id under which that side keeps the original. */
const ORIGIN = Symbol('course-bridge-origin')

type Target = Extract<Message, { k: 'call' }>['target']

export class Endpoint {
  private nextId = 1
  private readonly local = new Map<number, Function>()
  private readonly localIds = new WeakMap<Function, number>()
  private readonly remote = new Map<number, Function>()
  private readonly remoteIds = new WeakMap<Function, number>()
  /** Course rngs that crossed (the trusted side's own, or the student side's copies), with the state last exchanged. */
  private readonly rngs = new Map<number, { fn: Function; synced: number }>()
  /** Errors this side's functions threw to the other side during the current outermost call. */
  private readonly failures = new Map<number, unknown>()
  private depth = 0
  private readonly other: Side

  constructor(
    private readonly transport: Transport,
    private readonly options: EndpointOptions,
  ) {
    this.other = options.side === 'trusted' ? 'student' : 'trusted'
  }

  /** Calls a function of the other side with `args`; returns its result or throws its error. */
  call(target: Target, args: unknown[]): unknown {
    const id = this.nextId++
    this.depth++
    try {
      this.send({ k: 'call', id, target, args: this.encodeValue(args) })
      const reply = this.awaitReply(id)
      if (reply.k === 'throw') throw this.decodeValue(reply.error, args)
      if (reply.k !== 'return') throw new ProtocolError(`a ${reply.k} answered a call`)
      if (reply.after !== undefined) {
        const after = this.decodeValue(reply.after, undefined)
        if (!Array.isArray(after)) throw new ProtocolError('the arguments came back as something else than a list')
        args.forEach((arg, i) => mirror(arg, after[i]))
      }
      return this.decodeValue(reply.value, args)
    } finally {
      if (--this.depth === 0) this.failures.clear()
    }
  }

  /** Sends a message that expects one answer (loading a module) and waits for it. */
  request(message: Extract<Message, { k: 'load' }>): Extract<Message, { k: 'loaded' | 'throw' }> {
    this.depth++
    try {
      this.send(message)
      const reply = this.awaitReply(message.id)
      if (reply.k !== 'loaded' && reply.k !== 'throw') throw new ProtocolError(`a ${reply.k} answered a ${message.k}`)
      return reply
    } finally {
      this.depth--
    }
  }

  newId(): number {
    return this.nextId++
  }

  /**
   * Answers one call of the other side. On the student side, a function may be async: its promise
   * settles before the answer goes back (the caller waits, under its deadline), and serve returns a
   * promise the host awaits. Only a call from the test itself may be async, not one made back into
   * the student's code while another call is running: that answer cannot wait.
   */
  serve(message: Extract<Message, { k: 'call' }>): void | Promise<void> {
    const nested = this.depth > 0
    this.depth++
    let args: unknown[] = []
    let result: unknown
    try {
      const decoded = this.decodeValue(message.args, undefined)
      if (!Array.isArray(decoded)) throw new ProtocolError('call arguments must be a list')
      args = decoded
      result = this.target(message.target)(...args)
      if (isThenable(result)) {
        if (this.options.side !== 'student') throw new ProtocolError('a test function may not be async')
        if (nested) throw new TypeError('an async function was called back during another call; only a call from the test may be async')
        return Promise.resolve(result).then(
          (value) => this.answer(message, () => this.returned(message, args, value)),
          (error: unknown) => this.answer(message, () => ({ k: 'throw', id: message.id, error: this.encodeFailure(error) })),
        )
      }
    } catch (error) {
      return this.answer(message, () => ({ k: 'throw', id: message.id, error: this.encodeFailure(error) }))
    }
    return this.answer(message, () => this.returned(message, args, result))
  }

  /** Sends the answer to a call `serve` took on, once it is known. */
  private answer(message: Extract<Message, { k: 'call' }>, make: () => Message): void {
    let reply: Message
    try {
      reply = make()
    } catch (error) {
      reply = { k: 'throw', id: message.id, error: this.encodeFailure(error) }
    } finally {
      this.depth--
    }
    this.send(reply)
    if (this.depth === 0) this.failures.clear()
  }

  /** The answer to a call that returned `result`, with the arguments as they are now if the call changed them. */
  private returned(message: Extract<Message, { k: 'call' }>, args: unknown[], result: unknown): Message {
    // Arguments that are all primitives (the common callback f(x)) cannot change, nor be shared.
    if (args.every(isPrimitive)) return { k: 'return', id: message.id, value: isPrimitive(result) ? (result as Wire) : this.encodeValue(result) }
    const now = this.encodeValue(args)
    const value = this.encodeValue(result, pathsIn(args))
    return { k: 'return', id: message.id, value, ...(sameWire(now, message.args) ? {} : { after: now }) }
  }

  /** Sends a message with the rng states this side changed since the last one, and the ambient state. */
  private send(message: Message): void {
    const ambient = this.options.ambient?.out()
    if (ambient) message.ambient = ambient
    if (message.k === 'call' || message.k === 'return' || message.k === 'throw') {
      const changed: RngStates = []
      for (const [id, entry] of this.rngs) {
        const state = stateOf(entry.fn)
        if (state !== entry.synced) {
          changed.push([id, state])
          entry.synced = state
        }
      }
      if (changed.length) message.rngs = changed
    }
    this.transport.send(message)
  }

  private receive(): Message {
    const message = this.transport.receive()
    if (message.ambient && typeof message.ambient === 'object') this.options.ambient?.in(message.ambient)
    const changed = (message as { rngs?: unknown }).rngs
    if (Array.isArray(changed)) {
      for (const pair of changed) {
        const entry = Array.isArray(pair) ? this.rngs.get(Number(pair[0])) : undefined
        if (!entry) continue
        const state = Number(pair[1]) >>> 0
        setState(entry.fn, state)
        entry.synced = state
      }
    }
    return message
  }

  private target(target: Target): Function {
    if ('handle' in target) {
      const fn = this.local.get(target.handle)
      if (!fn) throw new ProtocolError(`no function with handle ${target.handle}`)
      return fn
    }
    if (!this.options.resolve) throw new ProtocolError('this side has no modules to call')
    const fn = this.options.resolve(target.module, target.name)
    if (typeof fn !== 'function') throw new TypeError(`${target.name} is not a function exported by ${target.module.split('/').pop()}`)
    return fn as Function
  }

  private awaitReply(id: number): Message {
    for (;;) {
      const message = this.receive()
      if (message.k === 'call') {
        void this.serve(message)
        continue
      }
      if ('id' in message && message.id === id) return message
      throw new ProtocolError(`unexpected ${message.k} while waiting for an answer`)
    }
  }

  private encodeValue(value: unknown, argumentPaths?: Map<object, { i: number; p: (string | number)[] }>): Wire {
    return encode(value, {
      fn: (fn) => this.handleFor(fn),
      special: this.options.special,
      ...(argumentPaths ? { argument: (object: object) => argumentPaths.get(object) } : {}),
    })
  }

  /** A thrown Error crosses as one; anything else thrown (a string, say) crosses as that value, and is thrown again as it. */
  private encodeFailure(error: unknown): Wire {
    if (!(error instanceof Error)) {
      try {
        return this.encodeValue(error)
      } catch {
        return { t: 'err', name: 'Error', message: 'a value that could not be described was thrown' }
      }
    }
    try {
      const origin = (error as { [ORIGIN]?: unknown } | null)?.[ORIGIN]
      if (typeof origin === 'number') return encodeError(error, origin)
      const id = this.nextId++
      this.failures.set(id, error)
      return encodeError(error, id)
    } catch {
      return { t: 'err', name: 'Error', message: 'an error that could not be described' }
    }
  }

  private decodeValue(wire: Wire, args: unknown[] | undefined): unknown {
    return decode(wire, {
      fn: (node) => {
        if (node.t === 'src') {
          if (this.options.side === 'trusted') {
            const home = this.local.get(node.id)
            if (!home) throw new ProtocolError(`no function with handle ${node.id}`)
            return home
          }
          return this.portableCopy(node)
        }
        if (node.t === 'rng') {
          if (this.options.side === 'student') return this.rngCopy(node)
          const home = this.local.get(node.id)
          if (!home || !this.rngs.has(node.id)) throw new ProtocolError(`no rng with handle ${node.id}`)
          return home
        }
        if (node.s === this.options.side) {
          const fn = this.local.get(node.id)
          if (!fn) throw new ProtocolError(`no function with handle ${node.id}`)
          return fn
        }
        return this.proxyFor(node)
      },
      error: (node) => {
        // An error this side threw into the other side's code, coming back out of it: the original.
        if (node.origin !== undefined && this.failures.has(node.origin)) return this.failures.get(node.origin) as Error
        const error = this.options.error(node)
        if (node.origin !== undefined) Object.defineProperty(error, ORIGIN, { value: node.origin })
        return error
      },
      model: this.options.model,
      argument: (node) => {
        if (!args) throw new ProtocolError('an argument reference outside a call result')
        let at: unknown = args[node.i]
        for (const key of node.p) {
          if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) throw new ProtocolError('an argument reference that leads nowhere')
          at = (at as Record<string | number, unknown>)[key]
        }
        return at
      },
    })
  }

  private handleFor(fn: Function): Extract<WireNode, { t: 'fn' | 'rng' | 'src' }> {
    const remoteId = this.remoteIds.get(fn)
    if (remoteId !== undefined) {
      if (this.rngs.has(remoteId)) return { t: 'rng', id: remoteId, s: stateOf(fn) }
      // A copy of the other side's function (an rng's, or a portable one) is that function again.
      return { t: 'fn', s: this.other, id: remoteId, name: fn.name, text: '' }
    }
    let id = this.localIds.get(fn)
    if (id === undefined) {
      id = this.nextId++
      this.localIds.set(fn, id)
      this.local.set(id, fn)
    }
    // The trusted side's course rngs cross as their state, its portable functions as their source
    // (wire.ts); any other function as a handle.
    if (this.options.side === 'trusted' && hasState(fn)) {
      const state = stateOf(fn)
      this.rngs.set(id, { fn, synced: state })
      return { t: 'rng', id, s: state }
    }
    const portable = this.options.side === 'trusted' ? portableOf(fn) : undefined
    if (portable) return { t: 'src', id, code: Function.prototype.toString.call(fn), scope: this.encodeValue(portable.scope), text: portable.description }
    return { t: 'fn', s: this.options.side, id, name: safeName(fn), text: safeText(fn) }
  }

  /** The student side's copy of a portable function, built once from its source. */
  private portableCopy(node: Extract<WireNode, { t: 'src' }>): Function {
    const known = this.remote.get(node.id)
    if (known) return known
    if (!this.options.portable) throw new ProtocolError('a portable function cannot cross in this direction')
    const scope = this.decodeValue(node.scope, undefined) as Record<string, unknown>
    const copy = this.options.portable(String(node.code), scope)
    const text = String(node.text)
    Object.defineProperty(copy, 'toString', { value: () => text })
    this.remote.set(node.id, copy)
    this.remoteIds.set(copy, node.id)
    return copy
  }

  /** The student side's copy of a trusted rng, made on first sight and kept in step after. */
  private rngCopy(node: Extract<WireNode, { t: 'rng' }>): Function {
    const known = this.rngs.get(node.id)
    const state = Number(node.s) >>> 0
    if (known) {
      setState(known.fn, state)
      known.synced = state
      return known.fn
    }
    if (!this.options.rng) throw new ProtocolError('an rng cannot cross in this direction')
    const copy = this.options.rng(state)
    this.rngs.set(node.id, { fn: copy, synced: state })
    this.remote.set(node.id, copy)
    this.remoteIds.set(copy, node.id)
    return copy
  }

  private proxyFor(node: Extract<WireNode, { t: 'fn' }>): Function {
    const known = this.remote.get(node.id)
    if (known) return known
    const endpoint = this // eslint-disable-line @typescript-eslint/no-this-alias -- the proxy is a plain function with a `this` of its own
    const handle = node.id
    // A plain function of this realm that calls across; it prints as the other side described it.
    const proxy = function (this: unknown, ...args: unknown[]) {
      return endpoint.call({ handle }, args)
    }
    Object.defineProperty(proxy, 'name', { value: String(node.name) })
    const text = String(node.text)
    if (text) Object.defineProperty(proxy, 'toString', { value: () => text })
    this.remote.set(handle, proxy)
    this.remoteIds.set(proxy, handle)
    return proxy
  }
}

/** The path to every object reachable from the arguments (the first path found), for results that share them. */
function pathsIn(args: unknown[]): Map<object, { i: number; p: (string | number)[] }> {
  const paths = new Map<object, { i: number; p: (string | number)[] }>()
  const visit = (value: unknown, i: number, p: (string | number)[]) => {
    if (value === null || typeof value !== 'object' || paths.has(value)) return
    // A model returned comes back as itself, with what the code did to it, not as the caller's argument.
    if (isLayersModel(value)) return
    paths.set(value, { i, p })
    if (p.length > 64) return
    if (Array.isArray(value)) value.forEach((item, k) => visit(item, i, [...p, k]))
    else if (!ArrayBuffer.isView(value) && !(value instanceof Map) && !(value instanceof Set)) for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], i, [...p, key])
  }
  args.forEach((arg, i) => visit(arg, i, []))
  return paths
}

/**
 * Makes `target` look like `source` in place (the caller's argument, after the other side changed its
 * copy): arrays and objects keep their identity, with their parts replaced or mirrored in turn.
 */
export function mirror(target: unknown, source: unknown, seen = new WeakSet<object>()): void {
  if (target === null || typeof target !== 'object' || source === null || typeof source !== 'object' || Object.isFrozen(target)) return
  // A model crosses as a copy (models.ts): the caller's stays as it was.
  if (isLayersModel(target)) return
  // A structure that refers to itself is mirrored once.
  if (seen.has(source)) return
  seen.add(source)
  if (ArrayBuffer.isView(target) && ArrayBuffer.isView(source)) {
    const t = target as unknown as { length: number; set(s: ArrayLike<unknown>): void }
    const s = source as unknown as ArrayLike<unknown>
    if (t.length === s.length) t.set(s)
    return
  }
  if (Array.isArray(target) && Array.isArray(source)) {
    for (let i = 0; i < source.length; i++) {
      if (!replaceable(target[i], source[i])) mirror(target[i], source[i], seen)
      else target[i] = source[i]
    }
    target.length = source.length
    return
  }
  if (Array.isArray(target) || Array.isArray(source)) return
  const t = target as Record<string, unknown>
  const s = source as Record<string, unknown>
  for (const key of Object.keys(t)) if (!Object.hasOwn(s, key)) delete t[key]
  for (const key of Object.keys(s)) {
    if (!replaceable(t[key], s[key])) mirror(t[key], s[key], seen)
    else Object.defineProperty(t, key, { value: s[key], writable: true, enumerable: true, configurable: true })
  }
}

/** A part to replace rather than mirror into: a primitive, or a change of kind. */
function replaceable(old: unknown, now: unknown): boolean {
  if (old === null || typeof old !== 'object' || now === null || typeof now !== 'object') return true
  if (Array.isArray(old) !== Array.isArray(now)) return true
  if (ArrayBuffer.isView(old) !== ArrayBuffer.isView(now)) return true
  return Object.isFrozen(old)
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'

const isPrimitive = (value: unknown): boolean => value === null || (typeof value !== 'object' && typeof value !== 'function')

function hasState(fn: Function): boolean {
  try {
    return typeof (fn as { [RNG_STATE]?: unknown })[RNG_STATE] === 'number'
  } catch {
    return false
  }
}

function portableOf(fn: Function): { scope: Record<string, unknown>; description: string } | undefined {
  try {
    const portable = (fn as { [PORTABLE]?: { scope: Record<string, unknown>; description: string } })[PORTABLE]
    return portable && typeof portable === 'object' ? portable : undefined
  } catch {
    return undefined
  }
}

function stateOf(fn: Function): number {
  return Number((fn as { [RNG_STATE]?: unknown })[RNG_STATE]) >>> 0
}

function setState(fn: Function, state: number): void {
  ;(fn as { [RNG_STATE]?: number })[RNG_STATE] = state
}

function safeName(fn: Function): string {
  try {
    return typeof fn.name === 'string' ? fn.name : ''
  } catch {
    return ''
  }
}

function safeText(fn: Function): string {
  try {
    return String(fn).slice(0, 500)
  } catch {
    return ''
  }
}
