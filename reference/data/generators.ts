// Seeded generators that recreate the lecture's data sets, whose CSV files came from URLs that no
// longer answer. Each returns rows of already-rounded numbers, so writing them to CSV and reading
// them back gives exactly the same values. `npm run data` writes the CSVs beside this file; a unit
// test checks that regenerating gives byte-identical files.
import { createRng, randomNormal, type Rng } from '../public/rng.ts'

export interface DatasetSpec {
  name: string
  description: string
  columns: string[]
  seed: number
  generate: (rng: Rng) => number[][]
}

const round = (value: number, digits: number) => {
  const r = Math.round(value * 10 ** digits) / 10 ** digits
  return Object.is(r, -0) ? 0 : r
}

/** A sample of N(μ, Σ) for a 2×2 Σ, through its Cholesky factor. */
function gaussian2(rng: Rng, mean: [number, number], cov: [[number, number], [number, number]]): [number, number] {
  const l11 = Math.sqrt(cov[0][0])
  const l21 = cov[1][0] / l11
  const l22 = Math.sqrt(cov[1][1] - l21 * l21)
  const z1 = randomNormal(rng)
  const z2 = randomNormal(rng)
  return [mean[0] + l11 * z1, mean[1] + l21 * z1 + l22 * z2]
}

/** Two classes in equal numbers, in random order. */
function balancedLabels(rng: Rng, n: number): number[] {
  const labels = Array.from({ length: n }, (_, i) => i % 2)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[labels[i], labels[j]] = [labels[j]!, labels[i]!]
  }
  return labels
}

export const DATASETS: DatasetSpec[] = [
  {
    name: 'linear_regression1',
    description:
      "100 points near y = 1.02x − 0.009, x in [0, 1]. The lecture's anchors hold on it: the neighbour search from (−4, 4) with Δ = 0.5 " +
      'takes the 12 steps of the slides to (1, 0), and refining to Δ = 0.001 ends at (1.020, −0.009).',
    columns: ['x', 'y'],
    seed: 9512,
    generate: (rng) =>
      Array.from({ length: 100 }, () => {
        const x = round(rng(), 4)
        return [x, round(1.02 * x - 0.009 + 0.05 * randomNormal(rng), 4)]
      }),
  },
  {
    name: 'linear_regression2',
    description: '1000 points near y = 1.2x + 30 with x in [0, 200]; the lecture divides both columns by 100 before SGD.',
    columns: ['x', 'y'],
    seed: 2002,
    generate: (rng) =>
      Array.from({ length: 1000 }, () => {
        const x = round(200 * rng(), 2)
        return [x, round(1.2 * x + 30 + 12 * randomNormal(rng), 2)]
      }),
  },
  {
    name: 'linear_10d',
    description: "The slides' 10-D example: 40 rows of 9 features in [0, 1.01] (two decimals), y = 9 + Σₖ k·xₖ.",
    columns: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'y'],
    seed: 1010,
    generate: (rng) =>
      Array.from({ length: 40 }, () => {
        const xs = Array.from({ length: 9 }, () => round(1.01 * rng(), 2))
        return [...xs, round(9 + xs.reduce((s, x, k) => s + k * x, 0), 2)]
      }),
  },
  {
    name: 'polynomial',
    description: "The slides' polynomial example: 100 values of x in [0, 1.01] (two decimals), y = Σⱼ j·xʲ for j = 0…4.",
    columns: ['x', 'y'],
    seed: 505,
    generate: (rng) =>
      Array.from({ length: 100 }, () => {
        const x = round(1.01 * rng(), 2)
        return [x, round([0, 1, 2, 3, 4].reduce((s, j) => s + j * x ** j, 0), 8)]
      }),
  },
  {
    name: 'logistic_regression1',
    description: 'Two Gaussian blobs ("tribe x" and "tribe y") with a shared covariance, 500 points each.',
    columns: ['x', 'y', 'class'],
    seed: 1111,
    generate: (rng) =>
      balancedLabels(rng, 1000).map((label) => {
        const [x, y] = gaussian2(rng, label === 1 ? [3, 3] : [-2, -2], [[6, 2], [2, 4]])
        return [round(x, 4), round(y, 4), label]
      }),
  },
  {
    name: 'feature_extraction1',
    description:
      'Concentric circles: class 1 (460 points) inside radius 2, class 0 (540) in the ring 3 to 5. No line separates them; the radius does. ' +
      'Every point p comes with its mirror image −p in the same class, so the cross-entropy gradient with respect to w vanishes at w = 0: ' +
      'logistic regression on (x, y) learns to answer the majority class, exactly chance (07).',
    columns: ['x', 'y', 'class'],
    seed: 3131,
    generate: (rng) => {
      const rows = Array.from({ length: 500 }, (_, i) => (i < 230 ? 1 : 0)).flatMap((label) => {
        const r = label === 1 ? 2 * Math.sqrt(rng()) : 3 + 2 * rng()
        const t = 2 * Math.PI * rng()
        const x = round(r * Math.cos(t), 4)
        const y = round(r * Math.sin(t), 4)
        // 0 − v rather than −v: the mirror of a 0 is 0, not −0 (which the CSV could not keep).
        return [[x, y, label], [0 - x, 0 - y, label]]
      })
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1))
        ;[rows[i], rows[j]] = [rows[j]!, rows[i]!]
      }
      return rows
    },
  },
  {
    name: 'feature_extraction2',
    description:
      'Quadrants: points in [−5, 5]² (never on an axis), class 1 (460 points) where x·y > 0, class 0 (540) where x·y < 0. No line separates them; ' +
      'the product x·y does. Every point p comes with its mirror image −p, which has the same product, so logistic regression on (x, y) ' +
      'learns to answer the majority class, exactly chance (07).',
    columns: ['x', 'y', 'class'],
    seed: 3232,
    generate: (rng) => {
      /** A coordinate's size in (0, 5] with four decimals, never 0, so that x·y has a sign. */
      const size = () => Math.max(round(5 * (1 - rng()), 4), 0.0001)
      const rows = Array.from({ length: 500 }, (_, i) => (i < 230 ? 1 : 0)).flatMap((label) => {
        const s = rng() < 0.5 ? 1 : -1
        const x = s * size()
        const y = (label === 1 ? s : -s) * size()
        return [[x, y, label], [-x, -y, label]]
      })
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1))
        ;[rows[i], rows[j]] = [rows[j]!, rows[i]!]
      }
      return rows
    },
  },
  {
    name: 'feature_extraction3',
    description: 'Two interleaved spirals with a little noise: the hard 2-D set, for dense networks.',
    columns: ['x', 'y', 'class'],
    seed: 3333,
    generate: (rng) =>
      balancedLabels(rng, 1000).map((label) => {
        const t = 0.5 + 3 * Math.PI * Math.sqrt(rng())
        const r = (5.5 * t) / (0.5 + 3 * Math.PI)
        const phase = label === 1 ? Math.PI : 0
        return [round(r * Math.cos(t + phase) + 0.15 * randomNormal(rng), 4), round(r * Math.sin(t + phase) + 0.15 * randomNormal(rng), 4), label]
      }),
  },
]

export function datasetSpec(name: string): DatasetSpec {
  const spec = DATASETS.find((d) => d.name === name)
  if (!spec) throw new RangeError(`no data set named "${name}"; known: ${DATASETS.map((d) => d.name).join(', ')}`)
  return spec
}

export function generateRows(name: string): number[][] {
  const spec = datasetSpec(name)
  return spec.generate(createRng(spec.seed))
}
