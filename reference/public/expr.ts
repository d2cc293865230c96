/**
 * The expression type of topic 02 (derivatives), given to students: build expressions, evaluate
 * them, print them. `derive(expr)` in your exercise takes and returns an `Expr`.
 *
 *   const f = mul(c(3), pow(x, 2))        // 3·x²
 *   evaluate(f, 2)                        // 12
 *   show(f)                               // "3 * x^2"
 */
export type Expr =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'x' }
  | { readonly kind: 'add'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'mul'; readonly left: Expr; readonly right: Expr }
  /** base raised to a constant real exponent: (base)ⁿ */
  | { readonly kind: 'pow'; readonly base: Expr; readonly exponent: number }
  /** sin, cos, exp and log (natural) of an inner expression: this is composition */
  | { readonly kind: 'sin' | 'cos' | 'exp' | 'log'; readonly arg: Expr }

export type UnaryKind = 'sin' | 'cos' | 'exp' | 'log'

export const c = (value: number): Expr => ({ kind: 'const', value })
export const x: Expr = { kind: 'x' }
export const add = (left: Expr, right: Expr): Expr => ({ kind: 'add', left, right })
export const mul = (left: Expr, right: Expr): Expr => ({ kind: 'mul', left, right })
export const pow = (base: Expr, exponent: number): Expr => ({ kind: 'pow', base, exponent })
export const sin = (arg: Expr): Expr => ({ kind: 'sin', arg })
export const cos = (arg: Expr): Expr => ({ kind: 'cos', arg })
export const exp = (arg: Expr): Expr => ({ kind: 'exp', arg })
export const log = (arg: Expr): Expr => ({ kind: 'log', arg })

const UNARY: Record<UnaryKind, (v: number) => number> = { sin: Math.sin, cos: Math.cos, exp: Math.exp, log: Math.log }

/** The value of `expr` at `at`. Outside the domain (log of a negative, …) the result is NaN. */
export function evaluate(expr: Expr, at: number): number {
  switch (expr.kind) {
    case 'const':
      return expr.value
    case 'x':
      return at
    case 'add':
      return evaluate(expr.left, at) + evaluate(expr.right, at)
    case 'mul':
      return evaluate(expr.left, at) * evaluate(expr.right, at)
    case 'pow':
      return Math.pow(evaluate(expr.base, at), expr.exponent)
    case 'sin':
    case 'cos':
    case 'exp':
    case 'log':
      return UNARY[expr.kind](evaluate(expr.arg, at))
    default:
      throw new TypeError(`not an expression: ${JSON.stringify(expr)}`)
  }
}

/** Ordinary maths notation, fully parenthesised where it matters; mathjs can parse it. */
export function show(expr: Expr): string {
  switch (expr.kind) {
    case 'const':
      return expr.value < 0 || Object.is(expr.value, -0) ? `(${expr.value})` : String(expr.value)
    case 'x':
      return 'x'
    case 'add':
      return `(${show(expr.left)} + ${show(expr.right)})`
    case 'mul':
      return `${show(expr.left)} * ${show(expr.right)}`
    case 'pow':
      return `(${show(expr.base)})^(${expr.exponent})`
    default:
      return `${expr.kind}(${show(expr.arg)})`
  }
}

/** Number of nodes, a measure of size. */
export function size(expr: Expr): number {
  switch (expr.kind) {
    case 'const':
    case 'x':
      return 1
    case 'add':
    case 'mul':
      return 1 + size(expr.left) + size(expr.right)
    case 'pow':
      return 1 + size(expr.base)
    default:
      return 1 + size(expr.arg)
  }
}
