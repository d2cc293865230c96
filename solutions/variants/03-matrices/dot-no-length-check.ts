/**
 * A dot product that loops over u without checking v's length: NaN or dropped terms instead of an error.
 * @replaces 03-matrices/matrices.ts
 * @mustFail dot.mismatch
 */
import type { Vector } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function dot(u: Vector, v: Vector): number {
  if (u.length === 0) throw new RangeError('dot: empty vector')
  let sum = 0
  for (let i = 0; i < u.length; i++) sum += u[i]! * v[i]!
  return sum
}
