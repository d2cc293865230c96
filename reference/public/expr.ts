/**
 * The expression type of topic 02 (derivatives), given to students: build expressions, evaluate
 * them, print them. `derive(expr)` in your exercise takes and returns an `Expr`.
 *
 *   const f = mul(c(3), pow(x, 2))        // 3·x²
 *   evaluate(f, 2)                        // 12
 *   show(f)                               // "3 * x^2"
 *
 * Expressions are immutable trees: the constructors below return frozen objects, and nothing in the
 * course changes an expression after it is built. Build new ones instead.
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
export type ExprKind = Expr['kind']

/** The constant `value`. */
export const c = (value: number): Expr => Object.freeze({ kind: 'const', value })
/** The variable x. */
export const x: Expr = Object.freeze({ kind: 'x' })
/** left + right */
export const add = (left: Expr, right: Expr): Expr => Object.freeze({ kind: 'add', left, right })
/** left · right */
export const mul = (left: Expr, right: Expr): Expr => Object.freeze({ kind: 'mul', left, right })
/** baseⁿ for a constant real n */
export const pow = (base: Expr, exponent: number): Expr => Object.freeze({ kind: 'pow', base, exponent })
export const sin = (arg: Expr): Expr => Object.freeze({ kind: 'sin', arg })
export const cos = (arg: Expr): Expr => Object.freeze({ kind: 'cos', arg })
export const exp = (arg: Expr): Expr => Object.freeze({ kind: 'exp', arg })
/** The natural logarithm ln(arg). */
export const log = (arg: Expr): Expr => Object.freeze({ kind: 'log', arg })

// Shorthands built from the kinds above (the type has no separate minus or division).
/** −e, written (−1)·e */
export const neg = (e: Expr): Expr => mul(c(-1), e)
/** a − b, written a + (−1)·b */
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b))
/** a / b, written a · b⁻¹ */
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, -1))

const UNARY: Record<UnaryKind, (v: number) => number> = { sin: Math.sin, cos: Math.cos, exp: Math.exp, log: Math.log }

/**
 * The value of `expr` at x = `at`, in ordinary floating point. Outside the domain (log of a
 * negative number, a negative number to the power 0.5, …) the result is NaN; at a pole it may be
 * ±Infinity. Throws a TypeError for anything that is not an `Expr`.
 */
export function evaluate(expr: Expr, at: number): number {
  switch (expr?.kind) {
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
      throw new TypeError(`not an expression: ${describe(expr)}`)
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

// Binding strength, for printing with no more parentheses than needed.
const SUM = 1
const PRODUCT = 2
const POWER = 3
const ATOM = 4

/**
 * Ordinary maths notation that mathjs can parse: `3 * x^2 + sin(x + (-1))`. Parentheses appear
 * where the structure needs them, including around a right operand of the same kind, so that
 * reading the text back gives the same tree (and the same rounding). Negative numbers are
 * parenthesised: `(-2)`.
 */
export function show(expr: Expr): string {
  return showIn(expr, 0)
}

function showIn(expr: Expr, context: number): string {
  const [text, strength] = showWithStrength(expr)
  return strength < context ? `(${text})` : text
}

function showWithStrength(expr: Expr): [string, number] {
  switch (expr?.kind) {
    case 'const':
      return [showNumber(expr.value), ATOM]
    case 'x':
      return ['x', ATOM]
    case 'add':
      return [`${showIn(expr.left, SUM)} + ${showIn(expr.right, SUM + 0.5)}`, SUM]
    case 'mul':
      return [`${showIn(expr.left, PRODUCT)} * ${showIn(expr.right, PRODUCT + 0.5)}`, PRODUCT]
    case 'pow':
      return [`${showIn(expr.base, ATOM)}^${showNumber(expr.exponent)}`, POWER]
    case 'sin':
    case 'cos':
    case 'exp':
    case 'log':
      return [`${expr.kind}(${showIn(expr.arg, 0)})`, ATOM]
    default:
      return [`<not an expression: ${describe(expr)}>`, ATOM]
  }
}

const showNumber = (v: number) => (v < 0 || Object.is(v, -0) ? `(${v === 0 ? '-0' : v})` : String(v))

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
