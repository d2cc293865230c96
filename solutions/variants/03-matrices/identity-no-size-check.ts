/**
 * identity(n) without checking n: identity(0) quietly returns [] and identity(2.5) a 3×3 matrix.
 * @replaces 03-matrices/matrices.ts
 * @mustFail identity.badSize
 */
export * from '../../03-matrices/matrices.ts'

export function identity(n: number): number[][] {
  const I: number[][] = []
  for (let i = 0; i < n; i++) {
    I.push([])
    for (let j = 0; j < n; j++) I[i]!.push(i === j ? 1 : 0)
  }
  return I
}
