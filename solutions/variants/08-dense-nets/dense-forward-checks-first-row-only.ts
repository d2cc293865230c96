/**
 * denseForward that takes the number of inputs from x's first row and never looks at the others:
 * a ragged x gives NaN (undefined · w) instead of an error.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail dense.badInput
 */
import type { Matrix, Vector } from '../../08-dense-nets/dense.ts'

export * from '../../08-dense-nets/dense.ts'

export function denseForward(x: Matrix, W: Matrix, b: Vector): Matrix {
  if (x.length === 0 || x[0]!.length === 0) throw new RangeError('x must be a non-empty matrix')
  const inputs = x[0]!.length
  if (W.length !== inputs) throw new RangeError(`x has ${inputs} columns but W has ${W.length} rows`)
  if (b.length !== W[0]!.length) throw new RangeError(`b has ${b.length} entries; W has ${W[0]!.length} columns`)
  for (const v of [...x[0]!, ...W.flat(), ...b]) if (!Number.isFinite(v)) throw new RangeError(`${v} is not a finite number`)
  return x.map((row) => b.map((bj, j) => row.reduce((s, v, i) => s + v * W[i]![j]!, bj)))
}
