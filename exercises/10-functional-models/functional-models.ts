// Topic 10: The functional API and model reuse. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 10` checks your work.

/** The L1 norm ‖v‖₁ = Σᵢ |vᵢ| of a non-empty vector; an empty one throws a RangeError. */
export function l1Norm(v: readonly number[]): number {
  throw new Error('not implemented: l1Norm(v)')
}
