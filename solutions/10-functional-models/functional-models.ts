// The answer key of topic 10. Tests never import it; verify checks it scores full marks.

/** The L1 norm ‖v‖₁ = Σᵢ |vᵢ| of a non-empty vector; an empty one throws a RangeError. */
export function l1Norm(v: readonly number[]): number {
  if (v.length === 0) throw new RangeError('l1Norm: the vector is empty')
  return v.reduce((sum, x) => sum + Math.abs(x), 0)
}
