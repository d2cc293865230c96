// Built-ins that exercise code must not change. The namespaces are frozen outright (nothing
// inherits from them, so freezing cannot break a library). Prototypes cannot be frozen safely
// (libraries assign `X.prototype.toString = …`, which a frozen Object.prototype turns into a
// TypeError), so they are snapshotted instead and checked around every graded test.
const FROZEN: object[] = [Math, JSON, Reflect, Atomics]

const typedArrayPrototype = Object.getPrototypeOf(Float64Array.prototype) as object
const WATCHED: Record<string, object> = {
  globalThis,
  Object,
  'Object.prototype': Object.prototype,
  Array,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  Number,
  'Number.prototype': Number.prototype,
  'String.prototype': String.prototype,
  'Boolean.prototype': Boolean.prototype,
  'Map.prototype': Map.prototype,
  'Set.prototype': Set.prototype,
  Promise,
  'Promise.prototype': Promise.prototype,
  'TypedArray.prototype': typedArrayPrototype,
  'Float64Array.prototype': Float64Array.prototype,
}
/** Global names whose identity must not change (the rest of globalThis is the runner's business). */
const GLOBAL_NAMES = ['Math', 'JSON', 'Reflect', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Function',
  'Map', 'Set', 'Promise', 'Float64Array', 'Float32Array', 'Int32Array', 'Uint8Array', 'Symbol', 'isFinite', 'isNaN', 'parseFloat']

type Snapshot = Map<string, Map<PropertyKey, PropertyDescriptor>>
let snapshot: Snapshot | undefined

function take(): Snapshot {
  const result: Snapshot = new Map()
  for (const [name, target] of Object.entries(WATCHED)) {
    const keys = name === 'globalThis' ? GLOBAL_NAMES : Reflect.ownKeys(target)
    result.set(name, new Map(keys.map((k) => [k, Reflect.getOwnPropertyDescriptor(target, k)!])))
  }
  return result
}

/**
 * Called from the setup file before any exercise code loads. Only the first call takes the
 * snapshot: when several topic files share one process (the grader's shared mode), a later file
 * must be checked against the pristine built-ins, not against what an earlier topic left behind.
 */
export function lockBuiltins(): void {
  if (snapshot) return
  for (const ns of FROZEN) Object.freeze(ns)
  snapshot = take()
}

/** Names of the built-ins that changed since `lockBuiltins`, e.g. `Array.prototype.map`. */
export function changedBuiltins(): string[] {
  if (!snapshot) return []
  const changed: string[] = []
  for (const [name, before] of snapshot) {
    const target = WATCHED[name]!
    const keys = name === 'globalThis' ? GLOBAL_NAMES : Reflect.ownKeys(target)
    for (const key of new Set([...before.keys(), ...keys])) {
      const was = before.get(key)
      const now = Reflect.getOwnPropertyDescriptor(target, key)
      if (!sameDescriptor(was, now)) changed.push(`${name === 'globalThis' ? '' : `${name}.`}${String(key)}`)
    }
  }
  return changed
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (!a || !b) return a === b
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable
}
