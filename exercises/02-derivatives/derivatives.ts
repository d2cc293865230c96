// Topic 02: derivatives (導數) and gradients (梯度). Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 02` checks your work.
import type { Expr } from '@course/expr'

/** A real function of one variable, such as x => x * x. */
export type RealFn = (x: number) => number
/** A real function of n variables (f: ℝⁿ → ℝ), such as p => p[0] ** 2 + p[1] ** 2. */
export type ScalarField = (point: readonly number[]) => number

/**
 * f′(x) estimated from values of f, by a method at least second-order accurate in the step: the
 * central difference (f(x + h) − f(x − h)) / 2h, not the one-sided (f(x + h) − f(x)) / h.
 *
 * @param h the step: f is sampled no farther than h from x. When omitted, choose a step that
 *   balances the truncation error against rounding (the lesson says how).
 * @throws RangeError if x is not a finite number, or h is given and is not a positive finite number.
 */
export function numericDerivative(f: RealFn, x: number, h?: number): number {
  throw new Error('not implemented: numericDerivative(f, x, h)')
}

/**
 * The derivative of `expr` with respect to x, as a new expression (the input is left as it was).
 * Uses the constant, sum, power, product and chain rules, and the derivatives of sin, cos, exp
 * and log. The result need not be simplified, but wherever f is defined and differentiable its
 * value must be f′(x).
 *
 * @throws TypeError for a node that is not one of the kinds of `Expr`.
 */
export function derive(expr: Expr): Expr {
  throw new Error('not implemented: derive(expr)')
}

/**
 * The gradient ∇f(x) = [∂f/∂x₀, …, ∂f/∂xₙ₋₁], estimated numerically (second-order accurate, like
 * numericDerivative). Does not modify x: pass f new arrays.
 *
 * @param h the step along each axis, as in numericDerivative (optional).
 * @throws RangeError if x is empty or has a non-finite entry, or h is given and is not a positive
 *   finite number.
 */
export function gradient(f: ScalarField, x: readonly number[], h?: number): number[] {
  throw new Error('not implemented: gradient(f, x, h)')
}

/**
 * Whether x is a critical point of f: ∇f(x) = 0, up to `tol` (‖∇f(x)‖ ≤ tol, in the norm you
 * choose; the tests only use points where ∇f = 0 or where some partial derivative is far above tol).
 * Every local minimum or maximum is a critical point; so is a saddle point.
 *
 * @throws RangeError if tol is not a positive finite number (and for x as in gradient).
 */
export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  throw new Error('not implemented: isCriticalPoint(f, x, tol)')
}
