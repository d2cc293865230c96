// What the course's test files import.
export { topic, forAll, forAllAsync, DEFAULT_TIMEOUT_MS } from './graded.ts'
export { expectClose, expectEqual, expectThrows, expectTrue, close, Mismatch, type Tolerance } from './assert.ts'
export { show } from './show.ts'
