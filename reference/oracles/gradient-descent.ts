// Oracles for 05-gradient-descent: the MSE and its gradient (central differences, the matrix
// formula, TensorFlow.js's tf.grads), full-batch gradient descent, the least-squares solution and
// the Hessian's eigenvalues from mathjs, the lecture's data sets, and the data the property tests
// draw from.
import fc from 'fast-check'
import { math } from './mathjs.ts'
import * as tf from '../public/tf.ts'
import { shuffled, type Rng } from '../public/rng.ts'
import { loadDataset, split } from '../data/datasets.ts'
import { type Regions, region } from '../regions.ts'
import { labelled } from './described.ts'

export interface Linear {
  w: number[]
  b: number
}
export type Matrix = number[][]

/** Each row with a 1 appended for the bias: A = [X | 1], so that X·w + b = A·(w, b). */
export const withOnes = (X: readonly (readonly number[])[]): Matrix => X.map((row) => [...row, 1])
const theta = (p: Linear) => [...p.w, p.b]
const unpack = (t: readonly number[]): Linear => ({ w: t.slice(0, -1), b: t[t.length - 1]! })

/** L = (1/n)·‖A·θ − y‖², by a plain loop (GD calls it at every step). */
export function mseOf(p: Linear, X: readonly (readonly number[])[], y: readonly number[]): number {
  let total = 0
  for (let i = 0; i < X.length; i++) {
    let prediction = p.b
    for (let j = 0; j < p.w.length; j++) prediction += p.w[j]! * X[i]![j]!
    total += (prediction - y[i]!) ** 2
  }
  return total / X.length
}

export const mse1 = (w: number, b: number, xs: readonly number[], ys: readonly number[]) => mseOf({ w: [w], b }, xs.map((x) => [x]), ys)

/** ∇L = (2/n)·Aᵀ(A·θ − y), as one matrix formula, for A = [X | 1] (pass A when calling it often). */
export function gradientOf(p: Linear, X: readonly (readonly number[])[], y: readonly number[], A: Matrix = withOnes(X)): number[] {
  const t = theta(p)
  const r = A.map((row, i) => row.reduce((s, a, j) => s + a * t[j]!, 0) - y[i]!)
  return t.map((_, j) => (2 / A.length) * A.reduce((s, row, i) => s + row[j]! * r[i]!, 0))
}

/**
 * Central differences of the MSE. The MSE is quadratic in (w, b), so (L(w+h) − L(w−h))/2h is its
 * derivative exactly; only rounding remains, about 1e-16·L/h.
 */
export function numericGradient1(w: number, b: number, xs: readonly number[], ys: readonly number[]): { dw: number; db: number; h: number } {
  const h = 1e-3
  return {
    dw: (mse1(w + h, b, xs, ys) - mse1(w - h, b, xs, ys)) / (2 * h),
    db: (mse1(w, b + h, xs, ys) - mse1(w, b - h, xs, ys)) / (2 * h),
    h,
  }
}

/** ∂L/∂w and ∂L/∂b from TensorFlow.js's automatic differentiation (float32 on the course's backends). */
export function tfGradient1(w: number, b: number, xs: readonly number[], ys: readonly number[]): { dw: number; db: number } {
  return tf.tidy(() => {
    const x = tf.tensor1d([...xs])
    const y = tf.tensor1d([...ys])
    const loss = (wt: tf.Tensor, bt: tf.Tensor) => tf.mean(tf.square(tf.sub(tf.add(tf.mul(wt, x), bt), y))) as tf.Scalar
    const [dw, db] = tf.grads(loss)([tf.scalar(w), tf.scalar(b)])
    return { dw: dw!.dataSync()[0]!, db: db!.dataSync()[0]! }
  })
}

export const tfBackend = () => tf.getBackend()

/** Full-batch gradient descent θ ← θ − η·∇L(θ), all parameters from the same old θ. */
export function referenceGD(X: readonly (readonly number[])[], y: readonly number[], learningRate: number, steps: number, start?: Linear): Linear & { losses: number[]; path: Linear[] } {
  let p: Linear = start ? { w: start.w.slice(), b: start.b } : { w: new Array<number>(X[0]!.length).fill(0), b: 0 }
  const losses = [mseOf(p, X, y)]
  const path = [p]
  const A = withOnes(X)
  for (let k = 0; k < steps; k++) {
    const g = gradientOf(p, X, y, A)
    p = unpack(theta(p).map((t, j) => t - learningRate * g[j]!))
    losses.push(mseOf(p, X, y))
    path.push(p)
  }
  return { ...p, losses, path }
}

/** Mini-batch SGD as the lesson describes it, for the pictures beside a student's run. */
export function referenceSGD(X: readonly (readonly number[])[], y: readonly number[], learningRate: number, epochs: number, batchSize: number, rng: Rng, start: Linear): Linear & { losses: number[] } {
  let t = theta(start)
  const losses = [mseOf(start, X, y)]
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(X.map((_, i) => i), rng)
    for (let first = 0; first < order.length; first += batchSize) {
      const rows = order.slice(first, first + batchSize)
      const g = gradientOf(unpack(t), rows.map((i) => X[i]!), rows.map((i) => y[i]!))
      t = t.map((v, j) => v - learningRate * g[j]!)
    }
    losses.push(mseOf(unpack(t), X, y))
  }
  return { ...unpack(t), losses }
}

/** The least-squares solution: the normal equations AᵀA·θ = Aᵀy, solved by mathjs. */
export function leastSquares(X: readonly (readonly number[])[], y: readonly number[]): Linear {
  const A = withOnes(X)
  const At = math.transpose(A)
  const solution = math.lusolve(math.multiply(At, A) as Matrix, math.multiply(At, [...y]) as number[]) as Matrix
  return unpack(solution.map((row) => row[0]!))
}

/**
 * The smallest and largest eigenvalue of the Hessian H = (2/n)·AᵀA (mathjs). Gradient descent with
 * η = 1/λmax shrinks the distance to the least-squares solution by at least (1 − λmin/λmax) per step.
 */
export function hessianEigenvalues(X: readonly (readonly number[])[]): { min: number; max: number } {
  const A = withOnes(X)
  const H = math.multiply(2 / A.length, math.multiply(math.transpose(A), A)) as Matrix
  const values = (math.eigs(H).values as number[]).map(Number)
  return { min: Math.min(...values), max: Math.max(...values) }
}

/**
 * λmax/λmin of the Hessian; Infinity when it is singular. (eigs can return a singular matrix's λmin
 * as −1e−23 rather than 0, and a negative ratio would pass a test of "≤ 500".)
 */
export function conditionNumber(eig: { min: number; max: number }): number {
  return eig.min > 0 ? eig.max / eig.min : Infinity
}

/**
 * Steps of GD with η = 1/λmax that bring the distance to the solution from `distance` below `tol`:
 * each step multiplies the error by at most 1 − λmin/λmax. When all eigenvalues are equal that
 * factor is 0 (one step lands on the solution), and the logarithm would say 0 steps: at least one.
 */
export function stepsToConverge(eig: { min: number; max: number }, distance: number, tol: number): number {
  if (!(eig.min > 0)) throw new RangeError('stepsToConverge: the Hessian is singular, gradient descent need not converge to one solution')
  if (distance <= tol) return 0
  // eigs may give λmin a hair above λmax when they are equal: the ratio is at most 1.
  const ratio = Math.min(1, eig.min / eig.max)
  return Math.max(1, Math.ceil(Math.log(distance / tol) / -Math.log1p(-ratio)))
}

export const distance = (p: Linear, q: Linear) => Math.hypot(...theta(p).map((t, j) => t - theta(q)[j]!))

/** [xᵢ, xᵢ², …, xᵢ^degree] per row, by mathjs powers. */
export function referencePolyFeatures(x: readonly number[], degree: number): Matrix {
  return x.map((v) => Array.from({ length: degree }, (_, j) => math.pow(v, j + 1) as number))
}

// ---- the lecture's data ----

const column = (name: string) => split(loadDataset(name), 'y')
export const lecture1 = (() => {
  const { X, y } = column('linear_regression1')
  return { xs: X.map((r) => r[0]!), ys: y }
})()
/** linear_regression2 divided by 100, as the lecture does before SGD. */
export const lecture2 = (() => {
  const { X, y } = column('linear_regression2')
  return { X: X.map((r) => [r[0]! / 100]), y: y.map((v) => v / 100) }
})()
export const lecture10d = column('linear_10d')
export const lecturePolynomial = (() => {
  const { X, y } = column('polynomial')
  return { x: X.map((r) => r[0]!), y }
})()

// ---- generated data ----

/** Shows a generated value as `label` in counterexamples. */

const round3 = (v: number) => Math.round(v * 1000) / 1000
const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map(round3)

/** An x in [−5, 5], 0 drawn on purpose. */
const xValue = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: real(-5, 5) })
/** One-feature data: xs and ys of equal length 1…30 in [−5, 5]; one point, and 20 to 30 points, drawn on purpose. */
export const data1 = fc
  .oneof(
    fc.array(fc.tuple(xValue, real(-5, 5)), { minLength: 1, maxLength: 30 }),
    fc.array(fc.tuple(xValue, real(-5, 5)), { minLength: 20, maxLength: 30 }),
    fc.tuple(xValue, real(-5, 5)).map((pair) => [pair]),
  )
  .map((pairs) => labelled({ xs: pairs.map(([x]) => x), ys: pairs.map(([, y]) => y) }, `{ xs: ${JSON.stringify(pairs.map(([x]) => x))}, ys: ${JSON.stringify(pairs.map(([, y]) => y))} }`))

/** d = 1…4 features, n = 2…30 rows, entries in [−2, 2]. */
export const dataMulti = fc
  .record({ d: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 2, max: 30 }) })
  .chain(({ d, n }) => fc.record({
    X: fc.array(fc.array(real(-2, 2), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
    y: fc.array(real(-5, 5), { minLength: n, maxLength: n }),
    // Left out half the time: the default start (all zeros) is tested as often as a given one.
    start: fc.option(fc.record({ w: fc.array(real(-3, 3), { minLength: d, maxLength: d }), b: real(-3, 3) }), { nil: undefined, freq: 2 }),
  }))
  .map((data) => labelled(data, `{ X: ${JSON.stringify(data.X)}, y: ${JSON.stringify(data.y)}${data.start ? `, start: ${JSON.stringify(data.start)}` : ''} }`))

/** The largest ‖(xᵢ, 1)‖²: a learning rate below 1/this is stable for every batch, even of one example. */
export const maxRowNorm2 = (X: readonly (readonly number[])[]) => Math.max(...withOnes(X).map((row) => row.reduce((s, v) => s + v * v, 0)))

// ---- where a mistake shows ----

export interface Data1 {
  xs: number[]
  ys: number[]
}
export interface DataMulti {
  X: number[][]
  y: number[]
  start: Linear | undefined
}

export const data1Regions: Regions<Data1> = {
  'one point': region(8, (d) => d.xs.length === 1),
  'twenty points or more': region(10, (d) => d.xs.length >= 20),
  'an x of 0': region(10, (d) => d.xs.includes(0)),
}

export const dataMultiRegions: Regions<DataMulti> = {
  'one feature': region(10, (d) => d.X[0]!.length === 1),
  'four features': region(5, (d) => d.X[0]!.length === 4),
  'two rows': region(1, (d) => d.X.length === 2),
  'start left out (the default, all zeros)': region(20, (d) => d.start === undefined),
  'start given': region(20, (d) => d.start !== undefined),
}

/**
 * The six results of one epoch of SGD with batches of one on three examples, one per order in which
 * the examples are used, so that the order a student's sgd drew can be read off its result.
 */
export function sgdOrders(X: readonly (readonly number[])[], y: readonly number[], learningRate: number, start: Linear): { order: number[]; result: Linear }[] {
  const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
  return orders.map((order) => {
    let t = theta(start)
    for (const i of order) {
      const g = gradientOf(unpack(t), [X[i]!], [y[i]!])
      t = t.map((v, j) => v - learningRate * g[j]!)
    }
    return { order, result: unpack(t) }
  })
}
