/**
 * σ′ computed as z·(1 − z), the formula for σ(z)·(1 − σ(z)) applied to z itself.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail sigmoid.derivative
 */
export * from '../../08-dense-nets/dense.ts'

export function sigmoidDerivative(z: number): number {
  return z * (1 - z)
}
