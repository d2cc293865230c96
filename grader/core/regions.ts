// Named input regions of a property: the parts of its input space where a plausible mistake would
// show (a boundary, a small or a large magnitude, a sign, an exact zero, a short remainder, a
// default left out). Each region is a predicate over the property's input with a floor: how many
// of one run's inputs must fall in it. They are written next to the generators that reach them
// (reference/oracles/), passed to `forAll(…, { regions })`, counted there and recorded in the
// test's meta; `npm run regions` (part of `npm run verify`) runs the answer key under several
// seeds and fails when a region is hit fewer times than its floor in any run.

import type { Regions } from '../../reference/regions.ts'

export { region, regionsOn, scaledFloors, withoutRegions, type Region, type Regions } from '../../reference/regions.ts'

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
