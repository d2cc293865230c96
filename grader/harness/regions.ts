// Named input regions of a property: the parts of its input space where a plausible mistake would
// show (a boundary, a small or a large magnitude, a sign, an exact zero, a short remainder, a
// default left out). Each region is a predicate over the property's input with a floor: how many
// of one run's inputs must fall in it. They are written next to the generators that reach them
// (reference/oracles/), passed to `forAll(…, { regions })`, counted there and recorded in the
// test's meta; `npm run regions` (part of `npm run verify`) runs the answer key under several
// seeds and fails when a region is hit fewer times than its floor in any run.

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

/** What one property reached in one run: its runs, and per region the hits and the floor. */
export interface RegionCount {
  /** The property's label: `#1`, `#2`, … in the order the test runs them, or the label it was given. */
  property: string
  runs: number
  /** False when the property declared no regions (`npm run regions` reports it). */
  declared: boolean
  regions: Record<string, { hits: number; min: number }>
}

/** Counts the inputs of one property run that fall in each region; stops counting at the first failure. */
export class RegionCounter<T> {
  private runs = 0
  private stopped = false
  private readonly hits = new Map<string, number>()
  constructor(private readonly regions: Regions<T> | undefined) {
    for (const name of Object.keys(regions ?? {})) this.hits.set(name, 0)
  }

  /** The regions `input` falls in (looked at before the check runs, which might change it). */
  classify(input: T): string[] {
    return Object.entries(this.regions ?? {}).filter(([, r]) => r.when(input)).map(([name]) => name)
  }

  /** Counts an input the check accepted (one that failed a precondition, fc.pre, is not counted). */
  count(regions: string[]): void {
    if (this.stopped) return
    this.runs++
    for (const name of regions) this.hits.set(name, this.hits.get(name)! + 1)
  }

  /** After a failure fast-check shrinks: those inputs are not the run's. */
  stop(): void {
    this.stopped = true
  }

  result(property: string): RegionCount {
    return {
      property,
      runs: this.runs,
      declared: this.regions !== undefined && Object.keys(this.regions).length > 0,
      regions: Object.fromEntries([...this.hits].map(([name, hits]) => [name, { hits, min: this.regions![name]!.min }])),
    }
  }
}
