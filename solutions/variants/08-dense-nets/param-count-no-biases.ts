/**
 * A parameter count that forgets the biases: Σ n·m instead of Σ (n + 1)·m.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail paramCount.lecture paramCount.matchesTf
 */
export * from '../../08-dense-nets/dense.ts'

export function paramCount(sizes: number[]): number {
  let total = 0
  for (let k = 1; k < sizes.length; k++) total += sizes[k - 1]! * sizes[k]!
  return total
}
