/**
 * sigmoid clamped to 0 below z = −37 and to 1 above 37 ("past that σ is 0 or 1 in doubles anyway").
 * True above 37, where 1 − σ rounds to 0; false below −37, where σ(z) ≈ e^z is a tiny but exact double
 * (σ(−40) ≈ 4.2e-18), and the lesson asks for those values.
 * @replaces 06-classification/classification.ts
 * @mustFail sigmoid.accurate
 */
import { sigmoid as answer } from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

export function sigmoid(z: number): number {
  if (z < -37) return 0
  if (z > 37) return 1
  return answer(z)
}
