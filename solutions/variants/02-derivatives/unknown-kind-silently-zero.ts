/**
 * derive returns 0 for a node it does not know instead of refusing it.
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derive.badInput
 */
import { type Expr, add, c, cos, exp, mul, pow, sin } from '@course/expr'

export * from '../../02-derivatives/derivatives.ts'

export function derive(expr: Expr): Expr {
  switch (expr.kind) {
    case 'x':
      return c(1)
    case 'add':
      return add(derive(expr.left), derive(expr.right))
    case 'mul':
      return add(mul(derive(expr.left), expr.right), mul(expr.left, derive(expr.right)))
    case 'pow':
      return expr.exponent === 0 ? c(0) : mul(mul(c(expr.exponent), pow(expr.base, expr.exponent - 1)), derive(expr.base))
    case 'sin':
      return mul(cos(expr.arg), derive(expr.arg))
    case 'cos':
      return mul(mul(c(-1), sin(expr.arg)), derive(expr.arg))
    case 'exp':
      return mul(exp(expr.arg), derive(expr.arg))
    case 'log':
      return mul(pow(expr.arg, -1), derive(expr.arg))
    default: // constants, and anything else
      return c(0)
  }
}
