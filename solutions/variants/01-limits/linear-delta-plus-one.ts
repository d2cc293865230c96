/**
 * δ = ε/(|m| + 1), so that m = 0 needs no special case: too small for gentle slopes |m| < 1.
 * It is valid, but below half of the largest δ, ε/|m|, whenever |m| < 1; slopes |m| ≥ 1 pass.
 * @replaces 01-limits/limits.ts
 * @mustFail linearDelta.sharp
 */
export * from '../../01-limits/limits.ts'

export function linearDelta(m: number, eps: number): number {
  if (!(eps > 0) || !Number.isFinite(eps)) throw new RangeError(`eps must be a positive finite number, got ${eps}`)
  if (!Number.isFinite(m)) throw new RangeError(`the slope m must be a finite number, got ${m}`)
  return eps / (Math.abs(m) + 1)
}
