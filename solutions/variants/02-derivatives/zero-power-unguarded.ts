/**
 * The power rule applied to u⁰ as well: 0·u⁻¹·u′ is NaN (0·∞) where u = 0, although u⁰ = 1 is a constant.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derive.zeroPower
 */
import { type Expr, mul, c, pow } from '@course/expr'
import { derive as answer } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function derive(expr: Expr): Expr {
  if (expr?.kind === 'pow' && expr.exponent === 0) return mul(mul(c(0), pow(expr.base, -1)), derive(expr.base))
  return answer(expr)
}
