/**
 * The course's seeded random number generator. Every exercise that needs randomness takes an
 * `rng: () => number` (uniform in [0, 1)); the tests hand you one made by `createRng(seed)`, so the
 * same seed gives the same run. Never use `Math.random` in an exercise: your results could not be
 * reproduced, and the tests check that they can.
 */
export type Rng = () => number

/**
 * The state of an rng made by `createRng`, readable and settable under this key. The tests run your
 * code in a process of its own; an rng they hand you crosses as its state, and the copy you get stays
 * in step with theirs (`createRng(state)` continues the same sequence).
 */
export const RNG_STATE = Symbol.for('course.rng.state')

/** mulberry32: a small, fast generator with a 32-bit state; plenty for exercises and data sets. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const rng = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  Object.defineProperty(rng, RNG_STATE, {
    get: () => state,
    set: (value: number) => {
      state = value >>> 0
    },
  })
  return rng
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n)
}

/** A standard normal sample (Box–Muller). */
export function randomNormal(rng: Rng): number {
  const u = 1 - rng() // in (0, 1], so the log is finite
  const v = rng()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** A shuffled copy of `items` (Fisher–Yates, from the last position down). */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
