/**
 * The power rule written as n·uⁿ·u′/u ("one power fewer is dividing by u"): undefined where u = 0.
 * It agrees with n·uⁿ⁻¹·u′ wherever u ≠ 0, but at u = 0 it is 0·∞ = NaN, while the lesson wants the
 * derivative defined wherever f is (x² at 0 has slope 0).
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derive.powerAtZero
 */
import { type Expr, add, c, mul, pow } from '@course/expr'
import { derive as answer } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function derive(expr: Expr): Expr {
  if (expr?.kind === 'pow' && expr.exponent !== 0) {
    const n = expr.exponent
    return mul(mul(mul(c(n), pow(expr.base, n)), pow(expr.base, -1)), derive(expr.base))
  }
  // The sum and product rules again, so that powers inside them use the rule above.
  if (expr?.kind === 'add') return add(derive(expr.left), derive(expr.right))
  if (expr?.kind === 'mul') return add(mul(derive(expr.left), expr.right), mul(expr.left, derive(expr.right)))
  return answer(expr)
}
