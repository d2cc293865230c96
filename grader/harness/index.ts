// What the course's test files import.
export { topic, forAll, forAllAsync, recordBackend, recordPlot, testSeedNow, DEFAULT_TIMEOUT_MS } from './graded.ts'
export { expectCounts, binomialBand, binomialPmf } from './stats.ts'
export type { Plot, Point } from '../core/plots.ts'
export {
  expectArgumentsUnchanged, expectClose, expectEqual, expectThrows, expectThrowsNaming, expectTrue, namesAny, namesWord, close, limitCalls, Mismatch, type Tolerance,
} from './assert.ts'
export { prose, show } from './show.ts'
export { region, regionsOn, scaledFloors, withoutRegions, type Region, type Regions } from '../core/regions.ts'
