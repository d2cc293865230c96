// The only things that cross between the trusted test process and a student process: data.
//
// A value is encoded into a tree of plain records (`Wire`) that V8's serializer carries, and decoded
// on the other side into fresh objects of that side's own realm. Nothing that arrives can be what
// it claims: no prototype but Object's and Array's, no getter, no Proxy, no `valueOf`. Numbers keep
// NaN, ±Infinity and −0; typed arrays, Maps and Sets keep their kind; shared and cyclic structure
// keeps its identity; frozen objects stay frozen. Functions cross as handles that call back through
// the bridge, errors as their class, message and stack. Both sides load this module: it imports
// nothing, so that the student process can run it as it is staged.

export type Wire = number | string | boolean | null | undefined | bigint | WireNode

export type WireNode =
  | { t: 'a'; id: number; f?: 1; v: Wire[] }
  /** An object: its own enumerable string keys and their values, side by side; `c`: its class, if not Object. */
  | { t: 'o'; id: number; f?: 1; c?: string; k: string[]; v: Wire[] }
  | { t: 'ta'; id: number; k: TypedArrayName; v: ArrayBufferView }
  /** An ArrayBuffer (TensorFlow.js's saved weights), as a copy of its bytes. */
  | { t: 'ab'; id: number; v: Uint8Array }
  | { t: 'map'; id: number; v: Wire[] }
  | { t: 'set'; id: number; v: Wire[] }
  | { t: 'ref'; id: number }
  | { t: 'date'; v: number }
  | { t: 'sym'; d: string }
  /** A function: `s` says on which side it lives; `text` is how it prints (for messages). */
  | { t: 'fn'; s: Side; id: number; name: string; text: string }
  /**
   * A course rng (reference/public/rng.ts), which lives on the trusted side: the student side works
   * with a copy at state `s`, and every message carries the states that changed (`rngs`), so that
   * both stay in step as one generator would.
   */
  | { t: 'rng'; id: number; s: number }
  /**
   * A portable function of the trusted side (reference/oracles/described.ts): its source and the
   * values its body uses, rebuilt and run on the student side; `id` is its handle, so that it comes
   * back as itself.
   */
  | { t: 'src'; id: number; code: string; scope: Wire; text: string }
  | WireError
  /** A TensorFlow.js layers model (either way, grader/bridge/models.ts): its class, configuration, training configuration and weights. */
  | { t: 'model'; cls: string; config: string; training: string | null; weights: { shape: number[]; dtype: string; data: ArrayBufferView }[] }
  /** A part of the call's argument `i`, reached by the keys `p`: the result shares it with the argument. */
  | { t: 'arg'; i: number; p: (string | number)[] }

export interface WireError {
  t: 'err'
  name: string
  message: string
  stack?: string
  /** Errors of the engine rather than of the code's own checks (unbounded recursion). */
  engine?: 'stack-overflow'
  /** The error came from a callback of the other side: the id of that callback's failure. */
  origin?: number
}

export type Side = 'trusted' | 'student'

export type TypedArrayName =
  | 'Float64Array' | 'Float32Array' | 'Int32Array' | 'Uint32Array' | 'Int16Array' | 'Uint16Array' | 'Int8Array' | 'Uint8Array' | 'Uint8ClampedArray'
  | 'BigInt64Array' | 'BigUint64Array'

const TYPED: Record<TypedArrayName, new (source: ArrayLike<number> & ArrayLike<bigint>) => ArrayBufferView> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
  BigInt64Array: BigInt64Array as never, BigUint64Array: BigUint64Array as never,
}

/** States of course rngs, by handle, that changed since the last message. */
export type RngStates = [number, number][]

/** A message between the two sides. Calls nest: while one waits for its answer it serves the other's calls. */
export type Message =
  | { k: 'load'; id: number; url: string; ambient?: Ambient }
  | { k: 'loaded'; id: number; exports: string[]; ambient?: Ambient }
  /** `args`: the array of arguments, encoded as one value (an array passed twice stays one array). */
  | { k: 'call'; id: number; target: { module: string; name: string } | { handle: number }; args: Wire; rngs?: RngStates; ambient?: Ambient }
  /** `after`: the arguments as they are after the call, if the call changed any (the caller mirrors them). */
  | { k: 'return'; id: number; value: Wire; after?: Wire; rngs?: RngStates; ambient?: Ambient }
  | { k: 'throw'; id: number; error: Wire; rngs?: RngStates; ambient?: Ambient }

/**
 * State that belongs to neither side's values but must reach the other side with each message: only
 * the mutation tester's (StrykerJS's active mutant and test going in, the coverage it saw coming back).
 */
export interface Ambient {
  stryker?: { activeMutant?: string; currentTestId?: string; coverage?: { static?: Record<string, number>; perTest?: Record<string, Record<string, number>> } }
}

/** The key under which a course rng keeps its state (reference/public/rng.ts's RNG_STATE). */
export const RNG_STATE = Symbol.for('course.rng.state')
/** The key under which a portable function keeps its scope (reference/oracles/described.ts's PORTABLE). */
export const PORTABLE = Symbol.for('course.portable')

/** Past these, a value is refused rather than carried (a runaway structure, or one built to hurt). */
export const LIMITS = { depth: 2_000, nodes: 20_000_000 }

/** A value that cannot be carried: too deep, too large, or not a value at all. */
export class UncarriableValue extends Error {
  override name = 'UncarriableValue'
}

export interface EncodeHooks {
  /** How a function crosses: a handle to a function of this side, the handle it came with, or an rng. */
  fn(fn: Function): Extract<WireNode, { t: 'fn' | 'rng' | 'src' }>
  /** A record for a value this side knows specially (a TensorFlow.js model), or undefined. */
  special?(value: object): WireNode | undefined
  /** Where in the call's arguments `value` lives, if it does (results that share an argument). */
  argument?(value: object): { i: number; p: (string | number)[] } | undefined
}

/** Encodes `value`; throws UncarriableValue for a value too deep or too large to carry. */
export function encode(value: unknown, hooks: EncodeHooks): Wire {
  const ids = new Map<object, number>()
  let nodes = 0
  const visit = (v: unknown, depth: number): Wire => {
    if (++nodes > LIMITS.nodes) throw new UncarriableValue(`the value has more than ${LIMITS.nodes} parts`)
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v
    if (typeof v === 'symbol') return { t: 'sym', d: v.description ?? '' }
    if (typeof v === 'function') return hooks.fn(v)
    const object = v as object
    const seen = ids.get(object)
    if (seen !== undefined) return { t: 'ref', id: seen }
    const argument = hooks.argument?.(object)
    if (argument) return { t: 'arg', ...argument }
    if (depth > LIMITS.depth) throw new UncarriableValue(`the value is nested more than ${LIMITS.depth} levels deep`)
    const id = ids.size
    ids.set(object, id)
    if (Array.isArray(object)) {
      const items: Wire[] = new Array(object.length)
      for (let i = 0; i < object.length; i++) items[i] = visit(object[i], depth + 1)
      return { t: 'a', id, ...(Object.isFrozen(object) ? { f: 1 as const } : {}), v: items }
    }
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      // The tag, not the constructor's name: a Buffer is a Uint8Array.
      const kind = (object as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag] as TypedArrayName
      if (kind in TYPED) return { t: 'ta', id, k: kind, v: new TYPED[kind](object as unknown as ArrayLike<number> & ArrayLike<bigint>) }
    }
    if (object instanceof ArrayBuffer) return { t: 'ab', id, v: new Uint8Array(object.slice(0)) }
    if (object instanceof Error) return encodeError(object)
    if (object instanceof Date) return { t: 'date', v: object.getTime() }
    if (object instanceof Map) return { t: 'map', id, v: [...object].flatMap(([key, item]) => [visit(key, depth + 1), visit(item, depth + 1)]) }
    if (object instanceof Set) return { t: 'set', id, v: [...object].map((item) => visit(item, depth + 1)) }
    const special = hooks.special?.(object)
    if (special) return special
    const keys = Object.keys(object)
    const values = keys.map((key) => visit((object as Record<string, unknown>)[key], depth + 1))
    const proto = Object.getPrototypeOf(object) as { constructor?: { name?: unknown } } | null
    const cls = proto && proto !== Object.prototype && typeof proto.constructor?.name === 'string' ? proto.constructor.name : undefined
    return { t: 'o', id, ...(Object.isFrozen(object) ? { f: 1 as const } : {}), ...(cls ? { c: cls } : {}), k: keys, v: values }
  }
  return visit(value, 0)
}

export function encodeError(error: unknown, origin?: number): WireError {
  const e = error instanceof Error ? error : undefined
  const name = e ? String(e.name) : 'Error'
  const message = e ? String(e.message) : `a non-Error value was thrown: ${safeText(error)}`
  const overflow = e instanceof RangeError && /Maximum call stack size exceeded/.test(message)
  return { t: 'err', name, message, ...(e?.stack ? { stack: String(e.stack) } : {}), ...(overflow ? { engine: 'stack-overflow' as const } : {}), ...(origin !== undefined ? { origin } : {}) }
}

function safeText(value: unknown): string {
  try {
    return String(value).slice(0, 200)
  } catch {
    return typeof value
  }
}

export interface DecodeHooks {
  fn(node: Extract<WireNode, { t: 'fn' | 'rng' | 'src' }>): Function
  error(node: WireError): Error
  model?(node: Extract<WireNode, { t: 'model' }>): unknown
  argument?(node: Extract<WireNode, { t: 'arg' }>): unknown
}

/** Decodes a value into fresh objects of this realm. */
export function decode(wire: Wire, hooks: DecodeHooks): unknown {
  const byId = new Map<number, unknown>()
  let nodes = 0
  const visit = (w: Wire, depth: number): unknown => {
    if (++nodes > LIMITS.nodes) throw new UncarriableValue(`the value has more than ${LIMITS.nodes} parts`)
    if (w === null || typeof w !== 'object') return w
    if (depth > LIMITS.depth) throw new UncarriableValue(`the value is nested more than ${LIMITS.depth} levels deep`)
    switch (w.t) {
      case 'a': {
        const items: unknown[] = []
        byId.set(w.id, items)
        for (const item of w.v) items.push(visit(item, depth + 1))
        if (w.f) Object.freeze(items)
        return items
      }
      case 'o': {
        const object: Record<string, unknown> = {}
        byId.set(w.id, object)
        // defineProperty, never assignment: a key "__proto__" stays a key.
        w.k.forEach((key, i) => Object.defineProperty(object, String(key), { value: visit(w.v[i], depth + 1), writable: true, enumerable: true, configurable: true }))
        if (w.f) Object.freeze(object)
        return object
      }
      case 'ab': {
        if (!(w.v instanceof Uint8Array)) throw new UncarriableValue('an ArrayBuffer must cross as its bytes')
        const copy = new Uint8Array(w.v).buffer
        byId.set(w.id, copy)
        return copy
      }
      case 'ta': {
        const Kind = TYPED[w.k]
        if (!Kind || !ArrayBuffer.isView(w.v)) throw new UncarriableValue(`unknown typed array ${String(w.k)}`)
        const copy = new Kind(w.v as unknown as ArrayLike<number> & ArrayLike<bigint>)
        byId.set(w.id, copy)
        return copy
      }
      case 'map': {
        const map = new Map()
        byId.set(w.id, map)
        for (let i = 0; i + 1 < w.v.length; i += 2) map.set(visit(w.v[i], depth + 1), visit(w.v[i + 1], depth + 1))
        return map
      }
      case 'set': {
        const set = new Set()
        byId.set(w.id, set)
        for (const item of w.v) set.add(visit(item, depth + 1))
        return set
      }
      case 'ref':
        if (!byId.has(w.id)) throw new UncarriableValue('a reference to a part not yet seen')
        return byId.get(w.id)
      case 'date':
        return new Date(Number(w.v))
      case 'sym':
        return Symbol(String(w.d))
      case 'fn':
      case 'rng':
      case 'src':
        return hooks.fn(w)
      case 'err':
        return hooks.error(w)
      case 'model':
        if (!hooks.model) throw new UncarriableValue('a model cannot cross in this direction')
        return hooks.model(w)
      case 'arg':
        if (!hooks.argument) throw new UncarriableValue('an argument reference outside a call result')
        return hooks.argument(w)
      default:
        throw new UncarriableValue(`unknown value kind ${String((w as { t?: unknown }).t)}`)
    }
  }
  return visit(wire, 0)
}

/** True when two encodings describe the same value (the arguments a call did not change). */
export function sameWire(a: Wire, b: Wire): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b)
  if (a.t !== b.t) return false
  switch (a.t) {
    case 'a':
    case 'set': {
      const other = b as typeof a
      return a.id === other.id && (a as { f?: 1 }).f === (other as { f?: 1 }).f && a.v.length === other.v.length && a.v.every((item, i) => sameWire(item, other.v[i]))
    }
    case 'map': {
      const other = b as typeof a
      return a.id === other.id && a.v.length === other.v.length && a.v.every((item, i) => sameWire(item, other.v[i]))
    }
    case 'o': {
      const other = b as typeof a
      return a.id === other.id && a.f === other.f && a.c === other.c && a.k.length === other.k.length && a.k.every((key, i) => key === other.k[i] && sameWire(a.v[i], other.v[i]))
    }
    case 'ta': {
      const other = b as typeof a
      if (a.k !== other.k) return false
      const x = a.v as unknown as ArrayLike<unknown>
      const y = other.v as unknown as ArrayLike<unknown>
      if (x.length !== y.length) return false
      for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false
      return true
    }
    case 'ab': {
      const other = b as typeof a
      return a.v.length === other.v.length && a.v.every((byte, i) => byte === other.v[i])
    }
    case 'fn': {
      const other = b as typeof a
      return a.s === other.s && a.id === other.id
    }
    case 'rng':
      // Its state travels with every message, not with the arguments.
      return a.id === (b as typeof a).id
    case 'src':
      return a.id === (b as typeof a).id
    default:
      return JSON.stringify(a, replacer) === JSON.stringify(b, replacer)
  }
}

const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)
