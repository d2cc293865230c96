import { describe } from 'vitest'
import fc from 'fast-check'
import {
  type Tolerance, Mismatch, expectArgumentsUnchanged, expectClose, expectEqual, expectThrows, expectThrowsNaming, expectTrue, namesWord, forAll, forAllAsync, prose, recordBackend, topic,
  region, withoutRegions, type Regions, expectCounts, binomialPmf, testSeedNow,
} from '../../grader/harness'
import * as student from '@target/08-dense-nets/training'
import * as tf from '../../reference/public/tf'
import { type Matrix, tfEarlyStopping, tfL2, tfOptimizerSteps } from '../../reference/oracles/dense'
import { createRng } from '../../reference/public/rng'
import { labelled } from '../../reference/oracles/described'

const { graded } = topic(import.meta.url)

function usingTf(): void {
  recordBackend(tf.getBackend())
}

// ---- optimizers (優化器) ----

/**
 * tf.train's optimizers work in float32 (unit roundoff u = 6e-8); the parameters stay below 10 in
 * size, so 5 steps round them by at most about 1e-5 in all. Where ε goes is the other difference
 * a correct solution may have: TensorFlow.js divides by √(s + ε) in RMSprop and Adagrad, Keras by
 * √s + ε, and Keras's Adam uses ε·√(1 − β₂ᵗ). With every gradient entry between 0.5 and 3,
 * ρ ≤ 0.95 and β₂ ≥ 0.99, the mean squares stay above (1 − ρ)·0.5² = 0.0125 (RMSprop) and
 * (1 − β₂)·0.5² (Adam's uncorrected v), so ε = 1e-7 changes a step by at most 4e-6 (RMSprop) or
 * 6.3e-6 (Adam) of its size, and a step is at most 4.5·η (RMSprop) or 6·η (Adam) with η ≤ 0.2:
 * below 8e-6 per step and 4e-5 over 5 steps. The tolerance 1e-4 covers both with a margin; the
 * mistakes tested move a parameter by 1.5e-3 or more.
 */
const OPT_TOL: Tolerance = { abs: 1e-4, rel: 1e-5 }

const f32In = (min: number, max: number) => fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true })
/** A gradient entry of size 0.5–3 and either sign (never tiny, see OPT_TOL). */
const gradEntry = fc.tuple(fc.boolean(), f32In(0.5, 3)).map(([negative, size]) => (negative ? -size : size))
/** Parameters and the gradients of 1–5 successive steps. */
const stepsCase = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    params: fc.array(f32In(-3, 3), { minLength: n, maxLength: n }),
    grads: fc.array(fc.array(gradEntry, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }),
  }),
)
const learningRate = f32In(0.01, 0.2)
type StepsCase = { params: number[]; grads: number[][] }
const stepsRegions: Regions<{ c: StepsCase }> = {
  'one parameter': region(3, ({ c }) => c.params.length === 1),
  'one step': region(3, ({ c }) => c.grads.length === 1),
  'five steps': region(3, ({ c }) => c.grads.length === 5),
  'a gradient that changes sign between steps': region(20, ({ c }) => c.grads.slice(1).some((g, k) => g.some((v, i) => Math.sign(v) !== Math.sign(c.grads[k]![i]!)))),
}

type Stateful<S, O> = (params: number[], grad: number[], state: S | undefined, options: O) => student.OptimizerStep<S>

/** The parameters after each step, passing the returned state to the next step. */
function run<S, O>(step: Stateful<S, O>, params: number[], grads: number[][], options: O): number[][] {
  const after: number[][] = []
  let state: S | undefined
  let p = params
  for (const g of grads) {
    const result = step(p, g, state, options)
    p = result?.params
    state = result?.state
    after.push(p)
  }
  return after
}

function compareSteps(what: string, actual: number[][], expected: number[][]): void {
  expected.forEach((params, k) => expectClose(`${what}: the parameters after step ${k + 1}`, actual[k], params, OPT_TOL))
}

describe('optimizer steps', () => {
  graded('sgdStep.matchesTf', 'sgdStep(p, g, { learningRate }) = p − η·g, as tf.train.sgd', () => {
    usingTf()
    forAll({ c: stepsCase, lr: learningRate }, ({ c, lr }) => {
      const expected = tfOptimizerSteps('sgd', { learningRate: lr }, c.params, c.grads)
      const actual: number[][] = []
      let p = c.params
      for (const g of c.grads) actual.push((p = student.sgdStep(p, g, { learningRate: lr })))
      compareSteps(`sgdStep (η = ${lr})`, actual, expected)
    }, { regions: stepsRegions })
  })
  graded('momentumStep.matchesTf', 'momentumStep agrees with tf.train.momentum step after step', () => {
    usingTf()
    forAll({ c: stepsCase, lr: learningRate, momentum: fc.constantFrom(0.5, 0.9, 0.99) }, ({ c, lr, momentum }) => {
      const options = { learningRate: lr, momentum }
      compareSteps(`momentumStep (η = ${lr}, μ = ${momentum})`, run(student.momentumStep, c.params, c.grads, options), tfOptimizerSteps('momentum', options, c.params, c.grads))
    }, { regions: { ...stepsRegions, 'μ = 0.99': region(10, ({ momentum }) => momentum === 0.99) } })
  })
  graded('adagradStep.matchesTf', 'adagradStep agrees with tf.train.adagrad step after step', () => {
    usingTf()
    forAll({ c: stepsCase, lr: learningRate, initial: fc.constantFrom(0.1, 0.5, 1) }, ({ c, lr, initial }) => {
      const options = { learningRate: lr, initialAccumulatorValue: initial }
      compareSteps(`adagradStep (η = ${lr}, initial accumulator ${initial})`, run(student.adagradStep, c.params, c.grads, options), tfOptimizerSteps('adagrad', options, c.params, c.grads))
    }, { regions: { ...stepsRegions, "initial accumulator 0.1 (TensorFlow's default)": region(10, ({ initial }) => initial === 0.1), 'initial accumulator 1': region(10, ({ initial }) => initial === 1) } })
  })
  graded('rmspropStep.matchesTf', 'rmspropStep agrees with tf.train.rmsprop step after step', () => {
    usingTf()
    forAll({ c: stepsCase, lr: learningRate, decay: fc.constantFrom(0.9, 0.95, 0.5), epsilon: fc.constantFrom(1e-7, 1e-8) }, ({ c, lr, decay, epsilon }) => {
      const options = { learningRate: lr, decay, epsilon }
      compareSteps(`rmspropStep (η = ${lr}, ρ = ${decay}, ε = ${epsilon})`, run(student.rmspropStep, c.params, c.grads, options), tfOptimizerSteps('rmsprop', options, c.params, c.grads))
    }, { regions: { ...stepsRegions, 'ρ = 0.5': region(10, ({ decay }) => decay === 0.5) } })
  })
  graded('adamStep.matchesTf', 'adamStep agrees with tf.train.adam step after step', () => {
    usingTf()
    forAll({ c: stepsCase, lr: learningRate, beta1: fc.constantFrom(0.9, 0.5), beta2: fc.constantFrom(0.999, 0.99), epsilon: fc.constantFrom(1e-7, 1e-8) }, ({ c, lr, beta1, beta2, epsilon }) => {
      const options = { learningRate: lr, beta1, beta2, epsilon }
      compareSteps(`adamStep (η = ${lr}, β₁ = ${beta1}, β₂ = ${beta2}, ε = ${epsilon})`, run(student.adamStep, c.params, c.grads, options), tfOptimizerSteps('adam', options, c.params, c.grads))
    }, { regions: { ...stepsRegions, 'β₁ = 0.5': region(20, ({ beta1 }) => beta1 === 0.5), 'β₂ = 0.99': region(20, ({ beta2 }) => beta2 === 0.99) } })
  })
  graded('adamStep.firstStep', "Adam's first step moves every parameter by almost exactly η (bias correction: m̂ = g, v̂ = g²)", () => {
    forAll({ c: stepsCase, lr: learningRate }, ({ c, lr }) => {
      const g = c.grads[0]!
      const { params } = student.adamStep(c.params, g, undefined, { learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })
      // m̂ = g and √v̂ = |g|, so the step is η·g/(|g| + ε) = η·sign(g) to within η·ε/|g| ≤ 4e-8;
      // Keras's ε·√(1 − β₂) placement differs by η·ε/(√(1 − β₂)·|g|) ≤ 1.3e-6. Without the bias
      // correction the step is about 3.2·η, off by more than 0.02.
      const expected = c.params.map((p, i) => p - lr * Math.sign(g[i]!))
      expectClose(`adamStep(params, g, undefined, { learningRate: ${lr}, … }).params`, params, expected, { abs: 1e-5, rel: 0 })
    }, { regions: withoutRegions(stepsRegions, 'a gradient that changes sign between steps', 'one step', 'five steps') })
  })
  graded('optimizers.epsilon', 'ε keeps Adagrad, RMSprop and Adam defined from a zero state: a zero gradient does not move a parameter, a tiny one moves it against the gradient by at most η (η/√(1 − ρ) for RMSprop); ε = 0 is allowed', () => {
    // Gradients far below √ε = 3.2e-4 (and, for Adam, some below ε itself), from a state of zeros
    // (Adagrad's initialAccumulatorValue 0). Every placement of ε the lesson accepts gives
    // Δp = −η·g/√(g² + ε) or −η·g/(|g| + ε) (Adagrad, Adam at t = 1), and RMSprop the same with
    // (1 − ρ)·g²: never more than η (η/√(1 − ρ)), never along g, and exactly 0 for g = 0. Without ε
    // a zero gradient gives 0/0 = NaN; ε subtracted instead of added gives √(negative) = NaN, or
    // for Adam a step along g.
    const grad = [0, 1e-8, -3e-8, 5e-5, -1e-4]
    const params = grad.map(() => 0)
    const lr = 0.1
    const check = (what: string, after: number[] | undefined, bound: number) => {
      expectTrue(Array.isArray(after) && after.length === params.length, `${what}: expected ${params.length} parameters`, { expected: prose(`${params.length} numbers`), actual: after })
      after!.forEach((p, i) => {
        const g = grad[i]!
        const ok = Number.isFinite(p) && (g === 0 ? p === 0 : Math.sign(p) !== Math.sign(g) && Math.abs(p) <= bound * (1 + 1e-12))
        if (!ok) {
          throw new Mismatch(`${what}: parameter ${i} (from 0, gradient ${g})`, prose(g === 0 ? 'exactly 0: a zero gradient does not move it' : `a step against the gradient of at most ${bound}`), p)
        }
      })
    }
    check('adagradStep(zeros, g, undefined, { learningRate: 0.1, initialAccumulatorValue: 0 }).params', student.adagradStep(params, grad, undefined, { learningRate: lr, initialAccumulatorValue: 0 })?.params, lr)
    check('rmspropStep(zeros, g, undefined, { learningRate: 0.1, decay: 0.9, epsilon: 1e-7 }).params', student.rmspropStep(params, grad, undefined, { learningRate: lr, decay: 0.9, epsilon: 1e-7 })?.params, lr / Math.sqrt(0.1))
    check('adamStep(zeros, g, undefined, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }).params', student.adamStep(params, grad, undefined, { learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })?.params, lr)
    // ε = 0 with gradients that are not tiny: the first steps are exactly η·sign(g)/√(1 − ρ) (RMSprop)
    // and η·sign(g) (Adam), to a few roundings.
    const g = [0.5, -2, 3]
    const p0 = [1, 1, 1]
    const sign = g.map(Math.sign)
    expectClose('rmspropStep([1, 1, 1], [0.5, -2, 3], undefined, { learningRate: 0.1, decay: 0.75, epsilon: 0 }).params',
      student.rmspropStep(p0, g, undefined, { learningRate: lr, decay: 0.75, epsilon: 0 })?.params, sign.map((s) => 1 - (lr * s) / 0.5), { abs: 1e-12, rel: 0 })
    expectClose('adamStep([1, 1, 1], [0.5, -2, 3], undefined, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0 }).params',
      student.adamStep(p0, g, undefined, { learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 0 })?.params, sign.map((s) => 1 - lr * s), { abs: 1e-12, rel: 0 })
  })
})

// ---- dropout ----

/** A batch of nonzero activations (so a dropped entry, 0, cannot be mistaken for a kept one). */
const activations = fc
  .record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 8 }) })
  .map(({ seed, rows, cols }) => {
    const rng = createRng(seed)
    const x = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng() < 0.5 ? -1 : 1) * (0.1 + 2 * rng())))
    return labelled(x, JSON.stringify(x))
  })
const rate = fc.constantFrom(0.1, 0.2, 0.25, 0.5, 0.8)
const dropoutRegions: Regions<{ x: number[][]; rate: number }> = {
  'one row': region(3, ({ x }) => x.length === 1),
  'one column': region(2, ({ x }) => x[0]!.length === 1),
  'rate 0.8 (most entries dropped)': region(5, ({ rate }) => rate === 0.8),
  'rate 0.1': region(5, ({ rate }) => rate === 0.1),
}

describe('dropout(x, rate, rng, training)', () => {
  graded('dropout.evaluation', 'when not training, dropout returns x unchanged (no entry dropped, no scaling)', () => {
    forAll({ x: activations, rate, seed: fc.integer({ min: 0, max: 1000 }) }, ({ x, rate, seed }) =>
      expectEqual(`dropout(x, ${rate}, rng, false)`, student.dropout(x, rate, createRng(seed), false), x),
    { regions: dropoutRegions })
  })
  graded('dropout.scaling', 'while training, every entry is either 0 or x/(1 − rate) (inverted dropout, as tf.layers.dropout)', () => {
    forAll({ x: activations, rate, seed: fc.integer({ min: 0, max: 1000 }) }, ({ x, rate, seed }) => {
      const out = student.dropout(x, rate, createRng(seed), true)
      expectTrue(Array.isArray(out) && out.length === x.length, 'dropout must return a matrix shaped like x', { expected: prose(`${x.length} rows`), actual: out })
      x.forEach((row, i) =>
        row.forEach((v, j) => {
          const got = out[i]?.[j]
          const kept = v / (1 - rate)
          if (!(got === 0 || (typeof got === 'number' && Math.abs(got - kept) <= 1e-12 * Math.abs(kept)))) {
            throw new Mismatch(`dropout(x, ${rate}, rng, true)[${i}][${j}]: x = ${v} must become 0 (dropped) or x/(1 − rate) = ${kept} (kept)`, prose(`0 or ${kept}`), got)
          }
        }),
      )
    }, { regions: dropoutRegions })
  })
  graded('dropout.rate', 'while training, about a fraction `rate` of the entries is dropped', () => {
    // 2000 entries per run. By Hoeffding's inequality a correct dropout misses the rate by 0.07 or
    // more with probability ≤ 2·exp(−2·2000·0.07²) = 6e-9; over the 25 runs below, ≤ 2e-7.
    const x = Array.from({ length: 40 }, () => new Array<number>(50).fill(1))
    for (const r of [0.1, 0.25, 0.5, 0.8, 0.9]) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const out = student.dropout(x, r, createRng(seed), true)
        const dropped = out.flat().filter((v) => v === 0).length / 2000
        expectTrue(Math.abs(dropped - r) < 0.07, `dropout(2000 ones, ${r}, createRng(${seed}), true) dropped ${(100 * dropped).toFixed(1)}% of the entries`, {
          expected: prose(`about ${100 * r}% (within 7 points)`),
          actual: dropped,
        })
      }
    }
  })
  graded('dropout.reproducible', 'dropout takes its randomness from rng: the same seed drops the same entries', () => {
    forAll({ x: activations, rate, seed: fc.integer({ min: 0, max: 1000 }) }, ({ x, rate, seed }) =>
      expectEqual(`dropout(x, ${rate}, createRng(${seed}), true), twice`, student.dropout(x, rate, createRng(seed), true), student.dropout(x, rate, createRng(seed), true)),
    { regions: dropoutRegions })
  })
  graded('dropout.independent', 'while training, every entry is dropped independently: per row the number dropped is Binomial(columns, rate), and neighbours in a row or a column agree only by chance', () => {
    // Four calls on 40 × 25 ones at rate 0.5, from one rng seeded by the test. Three statistics, each
    // a count of independent trials compared with its Chernoff band (grader/harness/stats.ts), with
    // a false-alarm rate below 1e-7 over all 28 counts:
    //   - how many of the 160 rows drop k entries, k = 0 … 25: Binomial(160, P(k)) with P the
    //     Binomial(25, 0.5) probabilities (a fixed count per row, or whole rows dropped, shows here);
    //   - of the disjoint vertical pairs (rows 2i, 2i + 1, same column), how many agree: 2000 trials
    //     of probability 0.5 (one mask reused for every row of the batch makes it 1);
    //   - the same for horizontal pairs (columns 2j, 2j + 1): 1920 trials of probability 0.5.
    const rate = 0.5
    const rows = 40
    const cols = 25
    const seed = testSeedNow()
    const rng = createRng(seed)
    const x = Array.from({ length: rows }, () => new Array<number>(cols).fill(1))
    const perRow = new Array<number>(cols + 1).fill(0)
    let vertical = 0
    let horizontal = 0
    const calls = 4
    for (let call = 0; call < calls; call++) {
      const out = student.dropout(x, rate, rng, true)
      expectTrue(Array.isArray(out) && out.length === rows && out.every((row) => Array.isArray(row) && row.length === cols), `dropout(40 × 25 ones, ${rate}, rng, true) must return a 40 × 25 matrix`)
      const dropped = out.map((row) => row.map((v) => v === 0))
      dropped.forEach((row) => perRow[row.filter(Boolean).length]!++)
      for (let i = 0; i + 1 < rows; i += 2) for (let j = 0; j < cols; j++) if (dropped[i]![j] === dropped[i + 1]![j]) vertical++
      for (let i = 0; i < rows; i++) for (let j = 0; j + 1 < cols; j += 2) if (dropped[i]![j] === dropped[i]![j + 1]) horizontal++
    }
    const pmf = binomialPmf(cols, rate)
    expectCounts(
      `dropout(40 × 25 ones, ${rate}, rng, true), 4 calls from createRng(${seed})`,
      [
        ...perRow.map((count, k) => ({ name: `a row with ${k} of its ${cols} entries dropped`, count, trials: rows * calls, p: pmf[k]! })),
        { name: 'a pair of entries in one column (rows 2i and 2i + 1) both dropped or both kept', count: vertical, trials: (rows / 2) * cols * calls, p: rate ** 2 + (1 - rate) ** 2 },
        { name: 'a pair of entries in one row (columns 2j and 2j + 1) both dropped or both kept', count: horizontal, trials: rows * Math.floor(cols / 2) * calls, p: rate ** 2 + (1 - rate) ** 2 },
      ],
      1e-7,
      'Draw one rng() for every entry, and drop it when that draw is below rate: not a fixed number per row, not one draw per row, not one mask shared by the rows of the batch.',
    )
  })
  graded('dropout.threshold', 'an entry is dropped exactly when rng() < rate: an rng that always returns rate keeps (and scales) everything, one just below drops everything; rate 0 keeps x', () => {
    // A constant rng, so neither the number of draws nor their order matters.
    const x = [[1, -2, 0.5], [4, 8, -16]]
    for (const r of [0.25, 0.5, 0.75]) {
      expectEqual(`dropout(x, ${r}, () => ${r}, true)`, student.dropout(x, r, () => r, true), x.map((row) => row.map((v) => v / (1 - r))))
      const below = r - 2 ** -20
      expectEqual(`dropout(x, ${r}, () => ${below}, true)`, student.dropout(x, r, () => below, true), x.map((row) => row.map(() => 0)))
    }
    expectEqual('dropout(x, 0, createRng(1), true)', student.dropout(x, 0, createRng(1), true), x)
  })
})

// ---- L2 regularization (常規化) ----

/** 1–3 weight matrices of 1–4 × 1–4 entries in [−2, 2]. */
const weightList = fc.array(
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([rows, cols]) =>
    fc.array(fc.array(f32In(-2, 2), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
  { minLength: 1, maxLength: 3 },
)
const lambda = fc.constantFrom(0.001, 0.01, 0.1, 0.5)
const l2Regions: Regions<{ weights: number[][][]; lambda: number }> = {
  'one matrix': region(10, ({ weights }) => weights.length === 1),
  'three matrices': region(10, ({ weights }) => weights.length === 3),
  'a 1 × 1 matrix': region(2, ({ weights }) => weights.some((W) => W.length === 1 && W[0]!.length === 1)),
  'λ = 0.5': region(6, ({ lambda }) => lambda === 0.5),
}

describe('L2 regularization', () => {
  // λ·Σw² adds positive terms only: float32 keeps it to a relative 1e-6 (≤ 48 terms × 2·6e-8);
  // 2λw is one or two roundings. A missing factor 2 or a missing λ is off by 50% or more.
  const L2_TOL: Tolerance = { abs: 1e-9, rel: 1e-5 }
  graded('l2.penalty', 'l2Penalty(weights, λ) = λ·Σw², as tf.regularizers.l2', () => {
    usingTf()
    forAll({ weights: weightList, lambda }, ({ weights, lambda }) =>
      expectClose(`l2Penalty(weights, ${lambda})`, student.l2Penalty(weights, lambda), tfL2(weights, lambda).penalty, L2_TOL),
    { regions: l2Regions })
  })
  graded('l2.gradient', 'l2Gradient(weights, λ) = 2λ·w, the gradient tf.grads finds for tf.regularizers.l2', () => {
    usingTf()
    forAll({ weights: weightList, lambda }, ({ weights, lambda }) =>
      expectClose(`l2Gradient(weights, ${lambda})`, student.l2Gradient(weights, lambda), tfL2(weights, lambda).gradient, L2_TOL),
    { regions: l2Regions })
  })
})

// ---- early stopping ----

/**
 * Validation losses on a grid of 1/16 (and minDelta too), so loss + minDelta and best − minDelta
 * are exact: an improvement of exactly minDelta is judged the same way by every correct code
 * (it does not count: Keras wants strictly more). The curves fall, level off and rise again.
 */
const lossCurve = fc
  .array(fc.integer({ min: -3, max: 2 }), { minLength: 1, maxLength: 15 })
  .map((moves) => {
    let level = 40
    return moves.map((m) => (level = Math.max(0, level + m)) / 16)
  })
const minDelta = fc.constantFrom(0, 1 / 16, 1 / 8, 1 / 4)
const patience = fc.integer({ min: 0, max: 4 })

/** Whether Keras's rule stops before the last epoch (for the regions only; the test compares with tf). */
function stopsEarly(losses: number[], patience: number, minDelta: number): boolean {
  let best = Infinity
  let wait = 0
  for (const loss of losses) {
    if (loss < best - minDelta) [best, wait] = [loss, 0]
    else if (++wait >= patience) return true
  }
  return false
}

describe('earlyStopping(valLosses, patience, minDelta)', () => {
  graded('earlyStopping.matchesTf', 'earlyStopping stops when and where tf.callbacks.earlyStopping does, and names the best epoch', async () => {
    usingTf()
    await forAllAsync({ losses: lossCurve, patience, minDelta }, async ({ losses, patience, minDelta }) => {
      const expected = await tfEarlyStopping(losses, patience, minDelta)
      expectEqual(`earlyStopping(${JSON.stringify(losses)}, ${patience}, ${minDelta})`, student.earlyStopping(losses, patience, minDelta), expected)
    }, {
      examples: [
        { losses: [1, 0.75, 0.625, 0.6875, 0.625, 0.5, 0.75, 0.875], patience: 2, minDelta: 0 },
        { losses: [1, 0.9375, 0.875, 0.8125], patience: 1, minDelta: 1 / 16 },
        { losses: [0.5], patience: 0, minDelta: 0 },
      ],
      regions: {
        'patience 0': region(4, ({ patience }) => patience === 0),
        'minDelta > 0': region(30, ({ minDelta }) => minDelta > 0),
        'an improvement of exactly minDelta (does not count)': region(3, ({ losses, minDelta }) => minDelta > 0 && losses.some((l, i) => i > 0 && Math.min(...losses.slice(0, i)) - l === minDelta)),
        'one epoch': region(2, ({ losses }) => losses.length === 1),
        'training stops': region(20, ({ losses, patience, minDelta }) => stopsEarly(losses, patience, minDelta)),
        'it runs through every epoch': region(10, ({ losses, patience, minDelta }) => !stopsEarly(losses, patience, minDelta)),
      },
    })
  })
})

// ---- validation split ----

/** n examples whose x[i][0] = i encodes the index, and labels that depend on it. */
const splitCase = fc
  .record({ n: fc.integer({ min: 10, max: 120 }), fraction: fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) })
  .map(({ n, fraction, seed }) => {
    const x = Array.from({ length: n }, (_, i) => [i, (i * 7) % 5])
    const y = Array.from({ length: n }, (_, i) => (i * 13) % 3)
    return labelled({ x, y, fraction, seed }, `{ n: ${n}, fraction: ${fraction}, seed: ${seed}, x[i] = [i, 7i mod 5], y[i] = 13i mod 3 }`)
  })

describe('validationSplit(x, y, fraction, rng)', () => {
  graded('validationSplit.partition', 'the two parts hold every example exactly once, with its own label, and about fraction·n are for validation', () => {
    forAll({ c: splitCase }, ({ c: { x, y, fraction, seed } }) => {
      const result = student.validationSplit(x, y, fraction, createRng(seed))
      const what = `validationSplit(x, y, ${fraction}, createRng(${seed}))`
      const nv = result?.validation?.x?.length ?? -1
      const target = x.length * fraction
      // Rounding n·fraction up, down or to the nearest are all fine (Keras keeps n − ⌊n·(1 − fraction)⌋).
      expectTrue(Math.abs(nv - target) <= 1 && nv >= 1 && nv < x.length, `${what}: the validation part has ${nv} examples`, { expected: prose(`n·fraction = ${target}, rounded either way`), actual: nv })
      const parts = [result.train, result.validation]
      const seen = new Array<number>(x.length).fill(0)
      for (const part of parts) {
        expectTrue(part.x.length === part.y.length, `${what}: a part has ${part.x.length} rows of x but ${part.y.length} labels`)
        part.x.forEach((row, k) => {
          const i = row[0]!
          expectTrue(Number.isInteger(i) && i >= 0 && i < x.length && row[1] === x[i]![1], `${what}: the row ${JSON.stringify(row)} is not one of the examples`)
          seen[i]!++
          expectTrue(part.y[k] === y[i], `${what}: example ${i} came with the label ${part.y[k]}, but its label is ${y[i]}: shuffle x and y with the same permutation`, { expected: y[i], actual: part.y[k] })
        })
      }
      const wrong = seen.findIndex((count) => count !== 1)
      expectTrue(wrong < 0, `${what}: example ${wrong} appears ${seen[wrong]} times; every example belongs to exactly one part`)
    }, {
      regions: {
        'n·fraction not whole (rounding decides)': region(20, ({ c }) => !Number.isInteger(c.x.length * c.fraction)),
        'fraction 0.5': region(5, ({ c }) => c.fraction === 0.5),
        'n ≥ 100': region(5, ({ c }) => c.x.length >= 100),
      },
    })
  })
  graded('validationSplit.shuffles', 'the split is random but reproducible: the same seed gives the same split, and not just the last examples', () => {
    const x = Array.from({ length: 100 }, (_, i) => [i])
    const y = Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1)) // sorted by class, as data often is
    const ids = (seed: number) => student.validationSplit(x, y, 0.2, createRng(seed)).validation.x.map((r) => r[0]!).sort((a, b) => a - b)
    expectEqual('validationSplit(x, y, 0.2, createRng(1)), twice', ids(1), ids(1))
    // A uniformly random 20 of 100 equals one given set with probability 1/C(100, 20) ≈ 2e-21.
    const tail = Array.from({ length: 20 }, (_, i) => 80 + i)
    expectTrue(JSON.stringify(ids(1)) !== JSON.stringify(tail), 'the validation part is exactly the last 20% of the data: shuffle with rng first (data is often sorted, e.g. by class)', { expected: prose('a random 20 of the 100'), actual: ids(1) })
    expectTrue(JSON.stringify(ids(1)) !== JSON.stringify(ids(2)), 'createRng(1) and createRng(2) gave the same split: draw the permutation from rng')
  })
  graded('validationSplit.small', 'with 2 or 3 examples both parts still get at least one, and every example can end up in the validation part', () => {
    for (const [n, fraction] of [[2, 0.5], [2, 0.1], [2, 0.9], [3, 0.9], [3, 0.1]] as const) {
      const x = Array.from({ length: n }, (_, i) => [i])
      const y = Array.from({ length: n }, (_, i) => i)
      const result = student.validationSplit(x, y, fraction, createRng(n))
      const sizes = [result?.train?.x?.length, result?.validation?.x?.length]
      expectTrue(sizes[0]! >= 1 && sizes[1]! >= 1 && sizes[0]! + sizes[1]! === n, `validationSplit(${n} examples, ${fraction}) gave ${sizes[0]} for training and ${sizes[1]} for validation`, {
        expected: prose(`at least one example in each part, ${n} in all`),
        actual: sizes,
      })
    }
    // 3 examples, one for validation: a shuffle where each permutation can come out picks each
    // example for some seed. A correct one misses a given example on all 60 seeds with probability
    // (2/3)^60 = 2.7e-11, so any of the three with at most 8e-11. A Fisher–Yates loop with a wrong
    // bound (j < i − 1, or i ≥ 1 only) can be deterministic at n = 3.
    const x = [[0], [1], [2]]
    const picked = new Set<number>()
    for (let seed = 1; seed <= 60; seed++) for (const row of student.validationSplit(x, [0, 1, 2], 1 / 3, createRng(seed)).validation.x) picked.add(row[0]!)
    expectTrue(picked.size === 3, `over 60 seeds validationSplit([[0], [1], [2]], y, 1/3, rng) only ever held out ${JSON.stringify([...picked].sort())} for validation`, {
      expected: prose('each of 0, 1, 2 for some seed'),
      actual: [...picked].sort(),
    })
  })
  graded('validationSplit.uniform', 'the split is uniform: of 5 examples, each of the 10 pairs is held out for validation about 1/10 of the time', () => {
    // 2000 splits of 5 examples with fraction 0.4 (exactly 2 for validation, however n·fraction is
    // rounded), from one rng seeded by the test: each pair is a Binomial(2000, 1/10) count, checked
    // with Chernoff's bound at a false-alarm rate below 1e-7 over the 10 pairs. Shuffling by sorting
    // with a random comparator favours some pairs; a Sattolo shuffle (j < i) never holds out some.
    const seed = testSeedNow()
    const rng = createRng(seed)
    const x = Array.from({ length: 5 }, (_, i) => [i])
    const y = [0, 1, 2, 3, 4]
    const pairs = new Map<string, number>()
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) pairs.set(`${i},${j}`, 0)
    const trials = 2000
    for (let t = 0; t < trials; t++) {
      const held = student.validationSplit(x, y, 0.4, rng)?.validation?.x?.map((row) => row[0]!).sort((a, b) => a - b).join(',')
      expectTrue(held !== undefined && pairs.has(held), `validationSplit(5 examples, 0.4, rng) held out ${held} for validation`, { expected: prose('two of the examples 0 … 4'), actual: held })
      pairs.set(held!, pairs.get(held!)! + 1)
    }
    expectCounts(
      `validationSplit(5 examples, 0.4, rng), 2000 splits from createRng(${seed})`,
      [...pairs].map(([pair, count]) => ({ name: `the pair {${pair}} held out`, count, trials, p: 1 / 10 })),
      1e-7,
      'The split is skewed: shuffle the indices with Fisher–Yates (for i from n − 1 down to 1, swap i with j = ⌊rng()·(i + 1)⌋), then cut; sorting with a random comparator is not uniform.',
    )
  })
})

// ---- bad input, side effects ----

describe('bad input and side effects', () => {
  graded('training.badInput', 'mismatched lengths, empty input, a state that does not fit, bad rates and options, and empty or non-finite losses are refused with a RangeError; 0 is accepted where the range includes it', () => {
    const rng = createRng(1)
    const adam = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }
    expectThrows('sgdStep([1, 2], [1], { learningRate: 0.1 })', () => student.sgdStep([1, 2], [1], { learningRate: 0.1 }))
    expectThrows('sgdStep([], [], { learningRate: 0.1 })', () => student.sgdStep([], [], { learningRate: 0.1 }))
    expectThrows('sgdStep([1], [1], { learningRate: 0 })', () => student.sgdStep([1], [1], { learningRate: 0 }))
    expectThrows('adamStep([1, 2], [1, NaN], …)', () => student.adamStep([1, 2], [1, NaN], undefined, adam))
    expectThrows('momentumStep([1, 2], [1], …)', () => student.momentumStep([1, 2], [1], undefined, { learningRate: 0.1, momentum: 0.9 }))
    // A state from a step with another number of parameters.
    expectThrows('momentumStep([1, 2], [1, 1], { velocity: [0] }, …)', () => student.momentumStep([1, 2], [1, 1], { velocity: [0] }, { learningRate: 0.1, momentum: 0.9 }))
    expectThrows('adagradStep([1, 2], [1, 1], { accumulator: [0.1] }, …)', () => student.adagradStep([1, 2], [1, 1], { accumulator: [0.1] }, { learningRate: 0.1, initialAccumulatorValue: 0.1 }))
    expectThrows('rmspropStep([1, 2], [1, 1], { meanSquare: [0, 0, 0] }, …)', () => student.rmspropStep([1, 2], [1, 1], { meanSquare: [0, 0, 0] }, { learningRate: 0.1, decay: 0.9, epsilon: 1e-7 }))
    expectThrows('adamStep([1, 2], [1, 1], { m: [0], v: [0, 0], t: 1 }, …)', () => student.adamStep([1, 2], [1, 1], { m: [0], v: [0, 0], t: 1 }, adam))
    expectThrows('adamStep([1, 2], [1, 1], { m: [0, 0], v: [0], t: 1 }, …)', () => student.adamStep([1, 2], [1, 1], { m: [0, 0], v: [0], t: 1 }, adam))
    expectThrows('momentumStep(…, { learningRate: 0.1, momentum: 1 })', () => student.momentumStep([1], [1], undefined, { learningRate: 0.1, momentum: 1 }))
    expectThrows('adagradStep(…, { learningRate: 0.1, initialAccumulatorValue: -0.1 })', () => student.adagradStep([1], [1], undefined, { learningRate: 0.1, initialAccumulatorValue: -0.1 }))
    expectThrows('rmspropStep(…, { …, decay: 1 })', () => student.rmspropStep([1], [1], undefined, { learningRate: 0.1, decay: 1, epsilon: 1e-7 }))
    expectThrows('rmspropStep(…, { …, epsilon: -1e-7 })', () => student.rmspropStep([1], [1], undefined, { learningRate: 0.1, decay: 0.9, epsilon: -1e-7 }))
    expectThrows('adamStep(…, { …, beta1: 1 })', () => student.adamStep([1], [1], undefined, { ...adam, beta1: 1 }))
    expectThrows('adamStep(…, { …, beta2: -0.5 })', () => student.adamStep([1], [1], undefined, { ...adam, beta2: -0.5 }))
    expectThrows('adamStep(…, { …, epsilon: -1e-7 })', () => student.adamStep([1], [1], undefined, { ...adam, epsilon: -1e-7 }))
    expectThrows('dropout(x, 1, rng, true)', () => student.dropout([[1]], 1, rng, true))
    expectThrows('dropout(x, -0.1, rng, true)', () => student.dropout([[1]], -0.1, rng, true))
    expectThrows('earlyStopping([], 2, 0)', () => student.earlyStopping([], 2, 0))
    expectThrows('earlyStopping([1, NaN], 2, 0)', () => student.earlyStopping([1, NaN], 2, 0))
    expectThrows('earlyStopping([1, 0.5], -1, 0)', () => student.earlyStopping([1, 0.5], -1, 0))
    expectThrows('earlyStopping([1, 0.5], 2, -0.1)', () => student.earlyStopping([1, 0.5], 2, -0.1))
    expectThrows('validationSplit(x with 3 rows, y with 2 labels, 0.2, rng)', () => student.validationSplit([[1], [2], [3]], [0, 1], 0.2, rng))
    expectThrows('validationSplit([[1]], [0], 0.5, rng) (one example cannot be split)', () => student.validationSplit([[1]], [0], 0.5, rng))
    expectThrows('validationSplit(x, y, 1, rng)', () => student.validationSplit([[1], [2], [3]], [0, 1, 0], 1, rng))
    expectThrows('validationSplit(x, y, 0, rng)', () => student.validationSplit([[1], [2], [3]], [0, 1, 0], 0, rng))
    expectThrows('l2Penalty([[[1, NaN]]], 0.01)', () => student.l2Penalty([[[1, NaN]]], 0.01))
    expectThrows('l2Penalty([[[1, 2]]], -0.01)', () => student.l2Penalty([[[1, 2]]], -0.01))
    expectThrows('l2Gradient([[[1, 2]]], -0.01)', () => student.l2Gradient([[[1, 2]]], -0.01))
    // 0 is inside [0, 1) and [0, ∞): no momentum, no regularization, no minimum improvement.
    expectClose('momentumStep([1], [2], undefined, { learningRate: 0.1, momentum: 0 }).params', student.momentumStep([1], [2], undefined, { learningRate: 0.1, momentum: 0 })?.params, [0.8], { abs: 1e-12, rel: 0 })
    expectEqual('l2Penalty([[[1, 2]]], 0)', student.l2Penalty([[[1, 2]]], 0), 0)
    expectEqual('l2Gradient([[[1, 2]]], 0)', student.l2Gradient([[[1, 2]]], 0), [[[0, 0]]])
  })
  graded('training.messagesSayWhat', 'a refusal names the argument at fault (params or grad, momentum, decay, beta1 or beta2, rate, the m or v of the Adam state)', () => {
    const adam = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }
    const word = namesWord
    const either = (...tests: Array<(t: string) => boolean>) => (text: string) => tests.some((t) => t(text))
    const cases: Array<[string, () => unknown, (text: string) => boolean, string]> = [
      ['sgdStep([1, NaN], [1, 1], …)', () => student.sgdStep([1, NaN], [1, 1], { learningRate: 0.1 }), word('params'), 'params'],
      ['sgdStep([1, 1], [1, NaN], …)', () => student.sgdStep([1, 1], [1, NaN], { learningRate: 0.1 }), word('grad'), 'grad'],
      ['momentumStep(…, { learningRate: 0.1, momentum: 1 })', () => student.momentumStep([1], [1], undefined, { learningRate: 0.1, momentum: 1 }), word('momentum'), 'momentum'],
      ['rmspropStep(…, { …, decay: 1 })', () => student.rmspropStep([1], [1], undefined, { learningRate: 0.1, decay: 1, epsilon: 1e-7 }), either(word('decay'), word('ρ')), 'decay (or ρ)'],
      ['adamStep(…, { …, beta1: 1 })', () => student.adamStep([1], [1], undefined, { ...adam, beta1: 1 }), either(word('beta1'), word('β₁')), 'beta1 (or β₁)'],
      ['adamStep(…, { …, beta2: 1 })', () => student.adamStep([1], [1], undefined, { ...adam, beta2: 1 }), either(word('beta2'), word('β₂')), 'beta2 (or β₂)'],
      ['dropout([[1]], 1, rng, true)', () => student.dropout([[1]], 1, createRng(1), true), word('rate'), 'rate'],
      ['adamStep([1, 2], [1, 1], { m: [0], v: [0, 0], t: 1 }, …)', () => student.adamStep([1, 2], [1, 1], { m: [0], v: [0, 0], t: 1 }, adam), either(word('m'), (t) => /first moment/i.test(t)), 'm (the first moment)'],
      ['adamStep([1, 2], [1, 1], { m: [0, 0], v: [0], t: 1 }, …)', () => student.adamStep([1, 2], [1, 1], { m: [0, 0], v: [0], t: 1 }, adam), either(word('v'), (t) => /second moment/i.test(t)), 'v (the second moment)'],
    ]
    for (const [what, call, names, name] of cases) expectThrowsNaming(what, call, names, name)
  })
  graded('training.argumentsUnchanged', 'the optimizer steps, dropout, l2, earlyStopping and validationSplit leave their arguments (and the old state) unchanged', () => {
    const p = [0.5, -1, 2]
    const g = [0.1, -0.2, 0.3]
    const step = <S, O>(fn: Stateful<S, O>, options: O) => {
      const first = fn(p.slice(), g.slice(), undefined, options)
      expectArgumentsUnchanged(fn.name || 'step', [p, g, first.state, options], (a, b, s, o) => fn(a as number[], b as number[], s as S, o as O))
    }
    expectArgumentsUnchanged('sgdStep', [p, g, { learningRate: 0.1 }], (a, b, o) => student.sgdStep(a as number[], b as number[], o as student.SgdOptions))
    step(student.momentumStep, { learningRate: 0.1, momentum: 0.9 })
    step(student.adagradStep, { learningRate: 0.1, initialAccumulatorValue: 0.1 })
    step(student.rmspropStep, { learningRate: 0.1, decay: 0.9, epsilon: 1e-7 })
    step(student.adamStep, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })
    const x: Matrix = [[1, 2], [3, 4], [5, 6], [7, 8]]
    expectArgumentsUnchanged('dropout', [x], (a) => student.dropout(a as Matrix, 0.5, createRng(1), true))
    expectArgumentsUnchanged('l2Penalty', [[x]], (w) => student.l2Penalty(w as Matrix[], 0.1))
    expectArgumentsUnchanged('l2Gradient', [[x]], (w) => student.l2Gradient(w as Matrix[], 0.1))
    expectArgumentsUnchanged('earlyStopping', [[1, 0.5, 0.75, 0.8]], (l) => student.earlyStopping(l as number[], 1, 0))
    expectArgumentsUnchanged('validationSplit', [x, [0, 1, 0, 1]], (a, b) => student.validationSplit(a as Matrix, b as number[], 0.25, createRng(1)))
  })
})
