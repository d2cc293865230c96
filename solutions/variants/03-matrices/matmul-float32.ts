/**
 * matmul on Float32Arrays "for speed": every entry and every product is rounded to float32.
 * Exact on quarters and small whole numbers (the laws' entries), but off by about 1e-7 relative
 * on ordinary doubles, far beyond the rounding of a float64 sum.
 * @replaces 03-matrices/matrices.ts
 * @mustFail matmul.oracle
 */
import { type Matrix, matmul as answer } from '../../03-matrices/matrices.ts'

export * from '../../03-matrices/matrices.ts'

export function matmul(A: Matrix, B: Matrix): number[][] {
  answer(A, B) // the answer key's shape checks
  const n = A.length
  const m = B.length
  const k = B[0]!.length
  const a = Float32Array.from(A.flat())
  const b = Float32Array.from(B.flat())
  const out = new Float32Array(n * k)
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) for (let l = 0; l < m; l++) out[i * k + j]! += a[i * m + l]! * b[l * k + j]!
  return Array.from({ length: n }, (_, i) => Array.from(out.subarray(i * k, (i + 1) * k)))
}
