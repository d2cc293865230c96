/**
 * A fast-check generator of `Expr` values, handed to students with the expression type so they can
 * property-test their own `derive`. Constants and exponents are small "nice" numbers, so a shrunk
 * counterexample reads like something from a textbook.
 */
import fc from 'fast-check'
import { type Expr, add, c, cos, exp, log, mul, pow, sin, x } from './expr.ts'

export const niceConstant = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -0.5, 1.5, 2.5))
export const niceExponent = fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constantFrom(0.5, 1.5, -0.5, 2.5))

export interface ExprOptions {
  /** Maximum nesting depth (default 3). */
  maxDepth?: number
  /** Which node kinds may appear (default: all). */
  kinds?: ReadonlyArray<'add' | 'mul' | 'pow' | 'sin' | 'cos' | 'exp' | 'log'>
}

export function exprArbitrary(options: ExprOptions = {}): fc.Arbitrary<Expr> {
  const kinds = new Set(options.kinds ?? ['add', 'mul', 'pow', 'sin', 'cos', 'exp', 'log'])
  const leaf = fc.oneof(fc.constant(x), fc.constant(x), niceConstant.map(c))
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr')
    const nodes: fc.Arbitrary<Expr>[] = []
    if (kinds.has('add')) nodes.push(fc.tuple(sub, sub).map(([l, r]) => add(l, r)))
    if (kinds.has('mul')) nodes.push(fc.tuple(sub, sub).map(([l, r]) => mul(l, r)))
    if (kinds.has('pow')) nodes.push(fc.tuple(sub, niceExponent).map(([b, n]) => pow(b, n)))
    for (const [kind, make] of [['sin', sin], ['cos', cos], ['exp', exp], ['log', log]] as const) {
      if (kinds.has(kind)) nodes.push(sub.map(make))
    }
    return {
      expr: fc.oneof({ depthSize: 'small', maxDepth: options.maxDepth ?? 3, withCrossShrink: true }, leaf, ...nodes),
    }
  })
  return expr
}
