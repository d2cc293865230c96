// The reference the tests compare with, and the inputs they draw. Generators reach the named
// regions on purpose (fc.oneof of regimes), so that a mistake that shows only there is caught under
// every seed; verify fails a region reached less often than its floor.
import fc from 'fast-check'
import { region, type Regions } from '../regions.ts'

export function l1Norm(v: readonly number[]): number {
  let sum = 0
  for (const x of v) sum += Math.abs(x)
  return sum
}

const entry = fc.oneof(fc.integer({ min: -9, max: 9 }), fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }))

/** Vectors of 1 to 8 entries; half of them have a negative entry on purpose. */
export const vector = fc.oneof(
  fc.array(entry, { minLength: 1, maxLength: 8 }),
  fc.tuple(fc.array(entry, { minLength: 0, maxLength: 7 }), fc.double({ min: -1e3, max: -1e-3, noNaN: true })).map(([rest, negative]) => [...rest, negative]),
)

export const vectorRegions: Regions<{ v: number[] }> = {
  'a negative entry': region(20, ({ v }) => v.some((x) => x < 0)),
  'a single entry': region(2, ({ v }) => v.length === 1),
}
