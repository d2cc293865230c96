/**
 * The power rule with the exponent left as it is: [uⁿ]′ = n·uⁿ·u′ instead of n·uⁿ⁻¹·u′.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derive.power derive.random
 */
import { type Expr, add, c, cos, exp, mul, pow, sin } from '@course/expr'

export * from '../../02-derivatives/derivatives.ts'

export function derive(expr: Expr): Expr {
  switch (expr.kind) {
    case 'const':
      return c(0)
    case 'x':
      return c(1)
    case 'add':
      return add(derive(expr.left), derive(expr.right))
    case 'mul':
      return add(mul(derive(expr.left), expr.right), mul(expr.left, derive(expr.right)))
    case 'pow':
      return expr.exponent === 0 ? c(0) : mul(mul(c(expr.exponent), pow(expr.base, expr.exponent)), derive(expr.base)) // n·uⁿ
    case 'sin':
      return mul(cos(expr.arg), derive(expr.arg))
    case 'cos':
      return mul(mul(c(-1), sin(expr.arg)), derive(expr.arg))
    case 'exp':
      return mul(exp(expr.arg), derive(expr.arg))
    case 'log':
      return mul(pow(expr.arg, -1), derive(expr.arg))
    default:
      throw new TypeError(`unknown expression kind: ${JSON.stringify(expr)}`)
  }
}
