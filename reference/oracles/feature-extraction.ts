// Oracles for 07-feature-extraction: the feature functions written for accuracy, the course's
// reference trainer (logistic regression by full-batch gradient descent on standardized features),
// the fixed held-out split of the circles and quadrants sets, and the "near chance" threshold.
import fc from 'fast-check'
import { type Regions, region } from '../regions.ts'
import { math } from './mathjs.ts'

const { mean: mathMean, std } = math
import { loadDataset, split } from '../data/datasets.ts'
import { createRng, shuffled } from '../public/rng.ts'
import { accuracyRef, probabilityGrid, sigmoidRef, trainLogisticRef } from './classification.ts'

export const radiusRef = ([x, y]: readonly number[]) => Math.hypot(x!, y!)
export const productRef = ([x, y]: readonly number[]) => x! * y!

/** Every exponent vector (e₁, …, e_d) with 1 ≤ e₁ + … + e_d ≤ degree. */
export function exponentVectors(d: number, degree: number): number[][] {
  const out: number[][] = []
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === d) {
      if (left < degree) out.push(prefix)
      return
    }
    for (let e = 0; e <= left; e++) walk([...prefix, e], left - e)
  }
  walk([], degree)
  return out
}

/** C(d + degree, degree) − 1: the monomials of degree 1 to `degree` in d variables. */
export function monomialCount(d: number, degree: number): number {
  let c = 1
  for (let i = 1; i <= degree; i++) c = (c * (d + i)) / i
  return Math.round(c) - 1
}

export const monomial = (x: readonly number[], e: readonly number[]) => e.reduce((p, ej, j) => p * x[j]! ** ej, 1)

/** The first primes: x = (2, 3, 5, …) makes every monomial a different integer (unique factorisation). */
export const PRIMES = [2, 3, 5, 7, 11]

/** Column means and population standard deviations (1/n) through mathjs; a constant column gets scale 1. */
export function standardizeRef(X: readonly number[][]): { Z: number[][]; mean: number[]; scale: number[] } {
  const d = X[0]!.length
  const columns = Array.from({ length: d }, (_, j) => X.map((x) => x[j]!))
  const constant = columns.map((c) => c.every((v) => v === c[0]))
  const mean = columns.map((c, j) => (constant[j] ? c[0]! : (mathMean(c) as number)))
  const scale = columns.map((c, j) => (constant[j] ? 1 : (std(c, 'uncorrected') as number)))
  const Z = X.map((x) => x.map((v, j) => (constant[j] ? 0 : (v - mean[j]!) / scale[j]!)))
  return { Z, mean, scale }
}

// ---- the reference trainer ----

/** Settings of the reference trainer: enough for the extracted features to converge past 95%. */
export const REFERENCE_TRAINING = { learningRate: 0.5, epochs: 300 } as const

export interface Fitted {
  /** P(class 1) for a feature vector. */
  probability: (features: readonly number[]) => number
  accuracy: (features: readonly number[][], y: readonly number[]) => number
  w: number[]
  b: number
}

/**
 * Logistic regression as the course teaches it (06): standardize each feature with the training
 * rows' mean and population standard deviation, then full-batch gradient descent from w = 0, b = 0.
 */
export function fitReference(features: readonly number[][], y: readonly number[]): Fitted {
  const { mean, scale } = standardizeRef(features)
  const scaled = (f: readonly number[]) => f.map((v, j) => (v - mean[j]!) / scale[j]!)
  const { w, b } = trainLogisticRef(features.map(scaled), y, REFERENCE_TRAINING)
  return {
    w,
    b,
    probability: (f) => sigmoidRef(scaled(f).reduce((s, v, j) => s + v * w[j]!, b)),
    accuracy: (F, labels) => accuracyRef(w, b, F.map(scaled), labels),
  }
}

// ---- the fixed held-out split ----

export interface HeldOut {
  name: string
  train: { X: number[][]; y: number[] }
  test: { X: number[][]; y: number[] }
}

const SPLIT_SEED = 706
const TRAIN_FRACTION = 0.7

/**
 * A seeded 70/30 split of a data set that keeps each point and its mirror image −p on the same
 * side, so both halves stay symmetric (see the data sets' descriptions in reference/data).
 */
export function heldOutSplit(name: 'feature_extraction1' | 'feature_extraction2'): HeldOut {
  const { X, y } = split(loadDataset(name), 'class')
  const key = (x: number, v: number) => `${x + 0},${v + 0}`
  const byKey = new Map<string, number[]>()
  X.forEach(([a, b], i) => byKey.set(key(a!, b!), [...(byKey.get(key(a!, b!)) ?? []), i]))
  const used = new Set<number>()
  const groups: number[][] = []
  X.forEach(([a, b], i) => {
    if (used.has(i)) return
    used.add(i)
    const mirror = (byKey.get(key(-a!, -b!)) ?? []).find((j) => !used.has(j))
    if (mirror !== undefined) used.add(mirror)
    groups.push(mirror === undefined ? [i] : [i, mirror])
  })
  const order = shuffled(groups, createRng(SPLIT_SEED))
  const train: number[] = []
  const test: number[] = []
  for (const g of order) (train.length < TRAIN_FRACTION * X.length ? train : test).push(...g)
  const pick = (idx: number[]) => ({ X: idx.map((i) => X[i]!), y: idx.map((i) => y[i]!) })
  return { name, train: pick(train), test: pick(test) }
}

/** The share of the most frequent class: the accuracy of always giving the same answer. */
export const majorityRate = (y: readonly number[]) => {
  const ones = y.filter((c) => c === 1).length
  return Math.max(ones, y.length - ones) / y.length
}

/**
 * "Near chance": held-out accuracy at most the majority rate of the test split plus one point in a
 * hundred. Why this is the right yardstick: both sets are mirror-symmetric (every p comes with −p in
 * the same class), so at w = 0 the gradient Σ(σ(b) − yᵢ)xᵢ cancels pair by pair; the mean
 * cross-entropy is convex, so its minimum has w = 0 and b = logit(share of class 1): the trained
 * model gives the majority class everywhere, whose held-out accuracy is exactly the majority rate.
 * The one-point slack only absorbs rounding (w stays near 1e-16). A line can do much better on
 * both sets (x > 2 on the circles, x + y > 3.3 on the quadrants: about 2/3), so the threshold says
 * that logistic regression learns nothing from (x, y), not merely that no line is perfect.
 */
export const NEAR_CHANCE_SLACK = 0.01

/** Lines that do better than chance on the raw sets, to show the threshold is not vacuous. */
export const GOOD_LINES: Record<HeldOut['name'], (p: readonly number[]) => 0 | 1> = {
  feature_extraction1: ([x]) => (x! < 2 ? 1 : 0),
  feature_extraction2: ([x, y]) => (x! + y! > 3.3 ? 1 : 0),
}

// ---- plots ----

export const PLOT_EXTENT: [number, number, number, number] = [-6, 6, -6, 6]
export const PLOT_RESOLUTION = 36

/** P(class 1) over the plot's grid, rounded to 3 decimals to keep the plot small. */
export function boundaryGrid(p: (point: [number, number]) => number): number[] {
  return probabilityGrid(PLOT_EXTENT, PLOT_RESOLUTION, (x, y) => Math.round(1000 * p([x, y])) / 1000)
}

// ---- arbitraries ----

/** A coordinate of any size: 0, tiny (below 1e-3) and large (above 1e3) ones on purpose, and any double up to 1e6. */
const coordinate = fc.oneof(
  fc.constant(0),
  fc.tuple(fc.double({ min: 1e-9, max: 1e-3, noNaN: true }), fc.boolean()).map(([v, negative]) => (negative ? -v : v)),
  fc.tuple(fc.double({ min: 1e3, max: 1e6, noNaN: true }), fc.boolean()).map(([v, negative]) => (negative ? -v : v)),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
)

/** A point of the plane with coordinates of any size, including 0 and ±huge ones. */
export const pointArb = fc.tuple(coordinate, coordinate).map(([x, y]) => [x, y])

export const pointRegions: Regions<number[]> = {
  'a coordinate 0': region(10, ([x, y]) => x === 0 || y === 0),
  'both coordinates tiny (below 1e-3)': region(2, ([x, y]) => x !== 0 && y !== 0 && Math.abs(x!) < 1e-3 && Math.abs(y!) < 1e-3),
  'a coordinate above 1e3 in size': region(15, ([x, y]) => Math.abs(x!) > 1e3 || Math.abs(y!) > 1e3),
  'the third quadrant (both negative)': region(4, ([x, y]) => x! < 0 && y! < 0),
}
