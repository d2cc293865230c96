/**
 * The chain rule with the outer derivative taken at x instead of at g(x): cos(x)·g′ for sin(g(x)).
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derive.chain derive.random
 */
import { type Expr, add, c, cos, exp, mul, pow, sin, x } from '@course/expr'

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
      return expr.exponent === 0 ? c(0) : mul(mul(c(expr.exponent), pow(x, expr.exponent - 1)), derive(expr.base))
    case 'sin':
      return mul(cos(x), derive(expr.arg))
    case 'cos':
      return mul(mul(c(-1), sin(x)), derive(expr.arg))
    case 'exp':
      return mul(exp(x), derive(expr.arg))
    case 'log':
      return mul(pow(x, -1), derive(expr.arg))
    default:
      throw new TypeError(`unknown expression kind: ${JSON.stringify(expr)}`)
  }
}
