// Named input regions of a generator: the parts of its input space where a plausible mistake would
// show (a boundary, a small or a large magnitude, a sign, an exact zero, a short remainder, a
// default left out). Each region is a predicate over an input with a floor: how many of one run's
// inputs must fall in it. They are declared here, next to the generators that reach them
// (reference/oracles/), with nothing from the grader; the harness counts them
// (grader/core/regions.ts) and `npm run regions` checks the floors under several seeds.

export interface Region<T> {
  /** The fewest inputs of one run of the property that must fall in the region. */
  readonly min: number
  readonly when: (input: T) => boolean
}

export type Regions<T> = Readonly<Record<string, Region<T>>>

/** A region: `min` inputs per run at least must satisfy `when`. */
export function region<T>(min: number, when: (input: T) => boolean): Region<T> {
  if (!Number.isInteger(min) || min < 1) throw new Error(`a region's floor must be a whole number ≥ 1, got ${min}`)
  return { min, when }
}

/** The regions of a generator, applied to one field of a property's input and named `<field>: <name>`. */
export function regionsOn<K extends string, V>(field: K, regions: Regions<V>): Regions<Record<K, V>> {
  return Object.fromEntries(
    Object.entries(regions).map(([name, r]) => [`${field}: ${name}`, { min: r.min, when: (input: Record<K, V>) => r.when(input[field]) }]),
  )
}

/** The same regions but those named (for a property that leaves those inputs out by design). */
export function withoutRegions<T>(regions: Regions<T>, ...names: string[]): Regions<T> {
  for (const name of names) if (!(name in regions)) throw new Error(`no region named "${name}"`)
  return Object.fromEntries(Object.entries(regions).filter(([name]) => !names.includes(name)))
}

/** The same regions with every floor multiplied by `factor` (rounded down, at least 1): for a property that runs fewer or more inputs. */
export function scaledFloors<T>(regions: Regions<T>, factor: number): Regions<T> {
  return Object.fromEntries(Object.entries(regions).map(([name, r]) => [name, { min: Math.max(1, Math.floor(r.min * factor)), when: r.when }]))
}
