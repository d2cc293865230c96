/**
 * identity(n) built with Array(n).fill(row): every row is the same array, so each diagonal 1 lands in all rows.
 * @replaces 03-matrices/matrices.ts
 * @mustFail identity.values law.identity
 */
export * from '../../03-matrices/matrices.ts'

export function identity(n: number): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`identity: n must be an integer ≥ 1, got ${n}`)
  const I: number[][] = Array(n).fill(Array(n).fill(0))
  for (let i = 0; i < n; i++) I[i]![i] = 1
  return I
}
