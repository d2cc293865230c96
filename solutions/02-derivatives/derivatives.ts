// Answer key for 02-derivatives.
import { type Expr, add, c, cos, exp, mul, pow, sin } from '@course/expr'

export type RealFn = (x: number) => number
export type ScalarField = (point: readonly number[]) => number

/**
 * The default step: the central difference's error is about h²|f‴|/6 (truncation) plus
 * eps·|f|/h (rounding); with f‴ and f of similar size the sum is smallest near h = ∛eps ≈ 6e-6,
 * scaled with |x| so that x ± h still differs from x in enough digits.
 */
const defaultStep = (x: number) => Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x))

function requireFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`)
}

function requireStep(h: number | undefined): void {
  if (h !== undefined && !(typeof h === 'number' && h > 0 && Number.isFinite(h))) {
    throw new RangeError(`the step h must be a positive finite number, got ${h}`)
  }
}

export function numericDerivative(f: RealFn, x: number, h?: number): number {
  requireFinite('x', x)
  requireStep(h)
  const step = h ?? defaultStep(x)
  const right = x + step
  const left = x - step
  // Divide by the distance between the points actually used: x ± step is rounded.
  return (f(right) - f(left)) / (right - left)
}

export function derive(expr: Expr): Expr {
  switch (expr?.kind) {
    case 'const':
      return c(0)
    case 'x':
      return c(1)
    case 'add':
      return add(derive(expr.left), derive(expr.right))
    case 'mul': // [fg]′ = f′g + fg′
      return add(mul(derive(expr.left), expr.right), mul(expr.left, derive(expr.right)))
    case 'pow': {
      // [uⁿ]′ = n·uⁿ⁻¹·u′; u⁰ = 1 is a constant
      const n = expr.exponent
      if (n === 0) return c(0)
      return mul(mul(c(n), pow(expr.base, n - 1)), derive(expr.base))
    }
    // chain rule: [f(u)]′ = f′(u)·u′
    case 'sin':
      return mul(cos(expr.arg), derive(expr.arg))
    case 'cos':
      return mul(mul(c(-1), sin(expr.arg)), derive(expr.arg))
    case 'exp':
      return mul(exp(expr.arg), derive(expr.arg))
    case 'log':
      return mul(pow(expr.arg, -1), derive(expr.arg))
    default:
      throw new TypeError(`derive: not an expression node: ${JSON.stringify(expr)}`)
  }
}

function requirePoint(x: readonly number[]): void {
  if (!Array.isArray(x) || x.length === 0) throw new RangeError('x must be a non-empty array of numbers')
  x.forEach((xi, i) => requireFinite(`x[${i}]`, xi))
}

export function gradient(f: ScalarField, x: readonly number[], h?: number): number[] {
  requirePoint(x)
  requireStep(h)
  return x.map((xi, i) => {
    const step = h ?? defaultStep(xi)
    const right = x.slice()
    const left = x.slice()
    right[i] = xi + step
    left[i] = xi - step
    return (f(right) - f(left)) / (right[i]! - left[i]!)
  })
}

export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  if (!(typeof tol === 'number' && tol > 0 && Number.isFinite(tol))) throw new RangeError(`tol must be a positive finite number, got ${tol}`)
  return Math.hypot(...gradient(f, x)) <= tol
}
