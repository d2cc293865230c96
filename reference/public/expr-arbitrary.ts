/**
 * A fast-check generator of `Expr` values, handed to students with the expression type so they can
 * property-test their own `derive`. Constants and exponents are small "nice" numbers, so a shrunk
 * counterexample reads like something from a textbook, and each generated expression prints itself
 * with `show` in fast-check's reports:
 *
 *   fc.assert(fc.property(exprArbitrary(), fc.double({ min: 0.5, max: 2 }), (f, at) => { … }))
 */
import fc from 'fast-check'
import { type Expr, add, c, cos, exp, log, mul, pow, show, sin, x } from './expr.ts'

export const niceConstant: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -0.5, 1.5, 2.5))
export const niceExponent: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constantFrom(0.5, 1.5, -0.5, 2.5))

export type NodeKind = 'add' | 'mul' | 'pow' | 'sin' | 'cos' | 'exp' | 'log'

export interface ExprOptions {
  /** Maximum nesting depth (default 3). */
  maxDepth?: number
  /** Which node kinds may appear above the leaves x and constants (default: all). */
  kinds?: ReadonlyArray<NodeKind>
  /** The constants at the leaves (default `niceConstant`). */
  constant?: fc.Arbitrary<number>
  /** The exponents of `pow` nodes (default `niceExponent`). */
  exponent?: fc.Arbitrary<number>
}

export function exprArbitrary(options: ExprOptions = {}): fc.Arbitrary<Expr> {
  const kinds = new Set(options.kinds ?? ['add', 'mul', 'pow', 'sin', 'cos', 'exp', 'log'])
  const leaf = fc.oneof(fc.constant(x), fc.constant(x), (options.constant ?? niceConstant).map(c))
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr')
    const nodes: fc.Arbitrary<Expr>[] = []
    if (kinds.has('add')) nodes.push(fc.tuple(sub, sub).map(([l, r]) => add(l, r)))
    if (kinds.has('mul')) nodes.push(fc.tuple(sub, sub).map(([l, r]) => mul(l, r)))
    if (kinds.has('pow')) nodes.push(fc.tuple(sub, options.exponent ?? niceExponent).map(([b, n]) => pow(b, n)))
    for (const [kind, make] of [['sin', sin], ['cos', cos], ['exp', exp], ['log', log]] as const) {
      if (kinds.has(kind)) nodes.push(sub.map(make))
    }
    return {
      expr: fc.oneof({ depthSize: 'small', maxDepth: options.maxDepth ?? 3, withCrossShrink: true }, leaf, ...nodes),
    }
  })
  return expr.map(printable)
}

/**
 * The same expression, printing itself as `show(expr)` in fast-check's counterexamples instead of
 * a nest of `{ kind: … }` objects. (A copy of the root node, frozen like every other node.)
 */
export function printable(expr: Expr): Expr {
  const copy = { ...expr }
  Object.defineProperty(copy, fc.toStringMethod, { value: () => show(expr) })
  return Object.freeze(copy) as Expr
}
