/**
 * derive without recursion (an explicit stack, children first, derivatives kept in a Map), numeric differences with h = 1e-5·max(1, |x|) over 2h, and a gradient that restores each coordinate it nudges.
 * @replaces 02-derivatives/derivatives.ts
 */
import { type Expr, add, c, cos, mul, pow, sin } from '@course/expr'

export type RealFn = (x: number) => number
export type ScalarField = (point: readonly number[]) => number

function badNumber(what: string, value: unknown): RangeError {
  return new RangeError(`${what} is ${String(value)}; a finite number is needed`)
}

function stepFor(at: number, h: number | undefined): number {
  if (h === undefined) return 1e-5 * Math.max(1, Math.abs(at))
  if (!(h > 0) || h === Infinity) throw badNumber('the step h (which must also be positive)', h)
  return h
}

export function numericDerivative(f: RealFn, x: number, h?: number): number {
  if (!Number.isFinite(x)) throw badNumber('x', x)
  const step = stepFor(x, h)
  const hi = x + step
  const lo = x - step
  return (f(hi) - f(lo)) / (hi - lo)
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'add':
    case 'mul':
      return [e.left, e.right]
    case 'pow':
      return [e.base]
    case 'sin':
    case 'cos':
    case 'exp':
    case 'log':
      return [e.arg]
    default:
      return []
  }
}

const KINDS = new Set(['const', 'x', 'add', 'mul', 'pow', 'sin', 'cos', 'exp', 'log'])

export function derive(expr: Expr): Expr {
  const done = new Map<Expr, Expr>()
  const stack: Array<{ node: Expr; expanded: boolean }> = [{ node: expr, expanded: false }]
  while (stack.length > 0) {
    const top = stack.pop()!
    const node = top.node
    if (node === null || typeof node !== 'object' || !KINDS.has((node as { kind?: unknown }).kind as string)) {
      throw new TypeError(`derive cannot handle ${node === null || typeof node !== 'object' ? String(node) : `a node of kind "${String((node as { kind?: unknown }).kind)}"`}`)
    }
    if (done.has(node)) continue
    if (!top.expanded) {
      stack.push({ node, expanded: true })
      for (const child of children(node)) stack.push({ node: child, expanded: false })
      continue
    }
    const d = (e: Expr) => done.get(e)!
    let result: Expr
    switch (node.kind) {
      case 'const':
        result = c(0)
        break
      case 'x':
        result = c(1)
        break
      case 'add':
        result = add(d(node.left), d(node.right))
        break
      case 'mul':
        result = add(mul(node.left, d(node.right)), mul(d(node.left), node.right))
        break
      case 'pow':
        result = node.exponent === 0 ? c(0) : mul(c(node.exponent), mul(d(node.base), pow(node.base, node.exponent - 1)))
        break
      case 'sin':
        result = mul(d(node.arg), cos(node.arg))
        break
      case 'cos':
        result = mul(d(node.arg), mul(sin(node.arg), c(-1)))
        break
      case 'exp':
        result = mul(d(node.arg), node)
        break
      case 'log':
        result = mul(d(node.arg), pow(node.arg, -1))
        break
    }
    done.set(node, result)
  }
  return done.get(expr)!
}

export function gradient(f: ScalarField, x: readonly number[], h?: number): number[] {
  if (!Array.isArray(x) || x.length === 0) throw new RangeError('the point x is empty: it needs at least one coordinate')
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw badNumber(`coordinate x[${i}]`, x[i])
  const work = [...x]
  const result: number[] = []
  for (let i = 0; i < work.length; i++) {
    const saved = work[i]!
    const step = stepFor(saved, h)
    const hi = saved + step
    const lo = saved - step
    work[i] = hi
    const up = f(work.slice())
    work[i] = lo
    const down = f(work.slice())
    work[i] = saved
    result.push((up - down) / (hi - lo))
  }
  return result
}

export function isCriticalPoint(f: ScalarField, x: readonly number[], tol: number): boolean {
  if (!(tol > 0 && tol < Infinity)) throw new RangeError(`tol must be positive and finite, got ${tol}`)
  let largest = 0
  for (const g of gradient(f, x)) largest = Math.max(largest, Math.abs(g))
  return largest <= tol
}
