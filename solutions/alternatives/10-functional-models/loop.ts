/**
 * A for loop and a sign test instead of reduce and Math.abs.
 * @replaces 10-functional-models/functional-models.ts
 */
export function l1Norm(v: readonly number[]): number {
  if (!v.length) throw new RangeError('l1Norm: cannot take the norm of an empty vector')
  let sum = 0
  for (const x of v) sum += x < 0 ? -x : x
  return sum
}
