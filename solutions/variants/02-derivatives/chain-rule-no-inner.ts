/**
 * The chain rule without the inner derivative: [f(g(x))]′ = f′(g(x)) (curriculum 02).
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derive.chain derive.random
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
      return expr.exponent === 0 ? c(0) : mul(c(expr.exponent), pow(expr.base, expr.exponent - 1))
    case 'sin':
      return cos(expr.arg)
    case 'cos':
      return mul(c(-1), sin(expr.arg))
    case 'exp':
      return exp(expr.arg)
    case 'log':
      return pow(expr.arg, -1)
    default:
      throw new TypeError(`unknown expression kind: ${JSON.stringify(expr)}`)
  }
}
