import { describe } from 'vitest'
import fc from 'fast-check'
import {
  Mismatch, type Tolerance, expectArgumentsUnchanged, expectClose, expectEqual, expectThrows, forAll, prose, recordBackend, recordPlot, region, regionsOn, topic, withoutRegions,
} from '../../grader/harness'
import { accidentalError } from '../../reference/oracles/errors'
import * as student from '@target/09-convolution/conv'
import * as tf from '../../reference/public/tf'
import {
  type ConvCase, type Image, type PoolCase, channelsFirst, convCase, convRegions, edgeKernel, poolCase, poolRegions, samePadTotal, tfAvgPool, tfConv2d, tfFlatten, tfMaxPool, tfOutputSize,
} from '../../reference/oracles/conv'
import { labelled } from '../../reference/oracles/described'
import { imageMatrix, loadMnist } from '../../reference/data/mnist'

const { graded } = topic(import.meta.url)

/**
 * The generated values are multiples of 1/4 (see reference/oracles/conv.ts): every sum in a
 * convolution or a max pool is exact in float32 and in float64, so the results must agree
 * exactly. The small absolute tolerance only forgives a −0 for a 0.
 */
const EXACT: Tolerance = { abs: 1e-12, rel: 0 }
/** An average divides an exact sum once: float32 rounds it by at most 6e-8 of its size. */
const AVERAGE: Tolerance = { abs: 1e-12, rel: 1e-6 }
/** An MNIST digit (pixels x/255 in float32) with integer 3 × 3 filters: 9 products below 8, float32 error below 5e-6. */
const DIGIT: Tolerance = { abs: 1e-5, rel: 1e-6 }

/** TensorFlow's convolutions run on cpu without tfjs-node: wasm mis-pads 'same' when the stride exceeds the kernel (see reference/public/tf.ts). */
const BACKEND = tf.backendFor('conv-forward')

/** Runs a test's body on the convolution backend and records it. */
function onTf(body: () => void): () => Promise<void> {
  return () =>
    tf.withBackend(BACKEND, () => {
      recordBackend(tf.getBackend())
      body()
    })
}

/**
 * Whether some 'same' window at the border reaches past the image and covers only negative values
 * inside it: its maximum is negative, so padding taken as a 0 would win there.
 */
function negativeBorderWindow(c: PoolCase): boolean {
  if (c.padding !== 'same') return false
  const [H, W] = [c.input.length, c.input[0]!.length]
  const top = Math.floor(samePadTotal(H, c.size[0], c.stride[0]) / 2)
  const left = Math.floor(samePadTotal(W, c.size[1], c.stride[1]) / 2)
  const channels = c.input[0]![0]!.length
  for (let i = 0; i < Math.ceil(H / c.stride[0]); i++) {
    for (let j = 0; j < Math.ceil(W / c.stride[1]); j++) {
      const r0 = i * c.stride[0] - top
      const c0 = j * c.stride[1] - left
      if (r0 >= 0 && c0 >= 0 && r0 + c.size[0] <= H && c0 + c.size[1] <= W) continue
      for (let ch = 0; ch < channels; ch++) {
        let max = -Infinity
        for (let u = Math.max(0, r0); u < Math.min(H, r0 + c.size[0]); u++) for (let v = Math.max(0, c0); v < Math.min(W, c0 + c.size[1]); v++) max = Math.max(max, c.input[u]![v]![ch]!)
        if (max < 0) return true
      }
    }
  }
  return false
}

const call = (c: ConvCase) => student.conv2d(c.input, c.kernel, c.bias, { stride: c.stride, padding: c.padding })
const what = (c: ConvCase) => `conv2d(input, kernel, bias, { stride: [${c.stride.join(', ')}], padding: '${c.padding}' })`
function checkConv(c: ConvCase): void {
  expectClose(what(c), call(c), tfConv2d(c.input, c.kernel, c.bias, c.stride, c.padding), EXACT)
}

describe('outputSize(n, k, stride, padding)', () => {
  graded('outputSize.lecture', "the lecture's sizes: 28 with a 3 × 3 kernel stays 28 under 'same' and becomes 26 under 'valid'", () => {
    const cases: [number, number, number, student.Padding, number][] = [
      [28, 3, 1, 'same', 28], [28, 3, 1, 'valid', 26], [28, 2, 2, 'valid', 14], [26, 2, 2, 'valid', 13], [5, 3, 2, 'same', 3], [5, 3, 2, 'valid', 2], [7, 4, 3, 'same', 3],
    ]
    for (const [n, k, s, p, expected] of cases) expectEqual(`outputSize(${n}, ${k}, ${s}, '${p}')`, student.outputSize(n, k, s, p), expected)
  })
  graded('outputSize.matchesTf', 'outputSize agrees with the shape of tf.conv2d for every size, kernel, stride and padding', onTf(() => {
    const sizes = fc
      .record({ n: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 1, max: 9 }), stride: fc.integer({ min: 1, max: 5 }), padding: fc.constantFrom<student.Padding>('valid', 'same') })
      .filter(({ n, k, padding }) => padding === 'same' || k <= n)
    forAll({ s: sizes }, ({ s: { n, k, stride, padding } }) =>
      expectEqual(`outputSize(${n}, ${k}, ${stride}, '${padding}')`, student.outputSize(n, k, stride, padding), tfOutputSize(n, k, stride, padding)),
    {
      regions: {
        "'same' with a stride above 1, n not a multiple of it": region(8, ({ s }) => s.padding === 'same' && s.stride > 1 && s.n % s.stride !== 0),
        "'same' with an even kernel": region(8, ({ s }) => s.padding === 'same' && s.k % 2 === 0),
        "'valid' with the kernel as large as the input": region(1, ({ s }) => s.padding === 'valid' && s.k === s.n),
        'a stride larger than the kernel': region(10, ({ s }) => s.stride > s.k),
      },
      examples: [{ s: { n: 5, k: 5, stride: 2, padding: 'valid' } }, { s: { n: 7, k: 2, stride: 3, padding: 'same' } }],
    })
  }))
})

describe('conv2d(input, kernel, bias, { stride, padding })', () => {
  graded('conv2d.crossCorrelation', 'one channel, stride 1: conv2d slides the kernel without flipping it (cross-correlation, as tf.conv2d)', onTf(() => {
    forAll({ c: convCase({ paddings: ['valid'], kernelSizes: [2, 3], maxStride: 1, maxChannels: 1 }) }, ({ c }) => checkConv(c), {
      regions: regionsOn('c', { 'a non-square image': convRegions['a non-square image']!, 'an asymmetric kernel (flipping changes it)': region(50, (c: ConvCase) => JSON.stringify(c.kernel) !== JSON.stringify(c.kernel.slice().reverse().map((row) => row.slice().reverse()))) }),
      examples: [{
        c: labelled<ConvCase>({ input: [[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]], kernel: [[[[1]], [[0]]], [[[0]], [[0]]]], bias: [0], stride: [1, 1], padding: 'valid' },
          "{ input: 3×3 [[1, 2, 3], [4, 5, 6], [7, 8, 9]], kernel: 2×2 [[1, 0], [0, 0]], bias: [0], stride: 1, padding: 'valid' }"),
      }],
    })
  }))
  graded('conv2d.valid', "'valid' padding with several channels, filters and strides agrees exactly with tf.conv2d (plus the bias)", onTf(() => {
    forAll({ c: convCase({ paddings: ['valid'] }) }, ({ c }) => checkConv(c), { regions: regionsOn('c', withoutRegions(convRegions, 'a stride above 1 with an odd total padding (the extra zero at the end)')) })
  }))
  graded('conv2d.same', "'same' padding with odd kernels (1, 3, 5) agrees exactly with tf.conv2d", onTf(() => {
    forAll({ c: convCase({ paddings: ['same'], kernelSizes: [1, 3, 5] }) }, ({ c }) => checkConv(c), { regions: regionsOn('c', convRegions) })
  }))
  graded('conv2d.sameEvenKernel', "'same' padding with even kernels (2, 4): the odd zero goes at the end (bottom, right), as in TensorFlow", onTf(() => {
    forAll({ c: convCase({ paddings: ['same'], kernelSizes: [2, 4] }) }, ({ c }) => checkConv(c), { regions: regionsOn('c', convRegions) })
  }))
  graded('conv2d.featureMaps', 'on an MNIST digit, four edge filters give the same feature maps as tf.conv2d', onTf(() => {
    const digit = imageMatrix(loadMnist().test, 0)
    const input: Image = digit.map((row) => row.map((v) => [v]))
    const kernel = edgeKernel()
    const bias = [0, 0, 0, 0]
    const reference = tfConv2d(input, kernel, bias, [1, 1], 'valid')
    let mine: Image | undefined
    try {
      mine = student.conv2d(input, kernel, bias, { stride: 1, padding: 'valid' })
    } finally {
      const round = (maps: number[][][]) => maps.map((m) => m.map((row) => row.map((v) => Math.round(v * 1e4) / 1e4)))
      const shown = Array.isArray(mine) && Array.isArray(mine[0]) && Array.isArray(mine[0][0]) ? round(channelsFirst(mine)) : []
      recordPlot({ kind: 'feature-maps', title: "conv2d(a handwritten 7, 4 edge filters, 'valid') beside tf.conv2d", input: digit.map((row) => row.map((v) => Math.round(v * 1e3) / 1e3)), student: shown, reference: round(channelsFirst(reference)) })
    }
    expectClose("conv2d(digit, edge filters, [0, 0, 0, 0], { stride: 1, padding: 'valid' })", mine, reference, DIGIT)
  }))
  graded('conv2d.badInput', "a kernel larger than the input under 'valid', mismatched channels or bias, and a bad stride are refused with a RangeError", () => {
    const image: Image = [[[1], [2]], [[3], [4]]]
    const k3: number[][][][] = [[[[1]], [[1]], [[1]]], [[[1]], [[1]], [[1]]], [[[1]], [[1]], [[1]]]]
    expectThrows("conv2d(2×2 image, 3×3 kernel, [0], { stride: 1, padding: 'valid' })", () => student.conv2d(image, k3, [0], { stride: 1, padding: 'valid' }))
    expectThrows("outputSize(2, 3, 1, 'valid')", () => student.outputSize(2, 3, 1, 'valid'))
    expectThrows('conv2d(1-channel image, kernel for 2 channels, …)', () => student.conv2d(image, [[[[1], [1]]]], [0], { stride: 1, padding: 'valid' }))
    expectThrows('conv2d(image, kernel with 1 filter, bias of 2, …)', () => student.conv2d(image, [[[[1]]]], [0, 0], { stride: 1, padding: 'valid' }))
    expectThrows('conv2d(image, kernel, bias, { stride: 0, … })', () => student.conv2d(image, [[[[1]]]], [0], { stride: 0, padding: 'valid' }))
    expectThrows('conv2d(ragged image, …)', () => student.conv2d([[[1], [2]], [[3]]], [[[[1]]]], [0], { stride: 1, padding: 'valid' }))
    expectThrows("outputSize(5, 3, 0, 'same')", () => student.outputSize(5, 3, 0, 'same'))
    expectThrows("maxPool2d(2×2 image, { size: 3, stride: 3, padding: 'valid' })", () => student.maxPool2d(image, { size: 3, stride: 3, padding: 'valid' }))
  })
  graded('conv2d.badInputChecked', 'a ragged image (rows or pixels of different lengths), a kernel with no input channels and a bad stride are refused by a RangeError of yours that says what is wrong, not by JavaScript crashing', () => {
    const image: Image = [[[1], [2]], [[3], [4]]]
    const one: number[][][][] = [[[[1]]]]
    const valid = { stride: 1, padding: 'valid' } as const
    // [what, call, a pattern the message must match (the argument at fault), or null: any message that is not empty]
    const cases: Array<[string, () => unknown, RegExp | null]> = [
      ['conv2d([[[1], [2]], [[3]]], 1×1 kernel, [0], …) (row 1 is short)', () => student.conv2d([[[1], [2]], [[3]]], one, [0], valid), null],
      ['conv2d([[[1], [2, 5]], [[3], [4]]], 1×1 kernel for 1 channel, [0], …) (one pixel has 2 channels)', () => student.conv2d([[[1], [2, 5]], [[3], [4]]], one, [0], valid), null],
      ["maxPool2d([[[1], [2]], [[3]]], { size: 1, stride: 1, padding: 'valid' }) (row 1 is short)", () => student.maxPool2d([[[1], [2]], [[3]]], { size: 1, stride: 1, padding: 'valid' }), null],
      ['conv2d(1-channel image, kernel [[[]]] with no input channels, [0], …)', () => student.conv2d(image, [[[]]] as unknown as number[][][][], [0], valid), null],
      ["conv2d(image, kernel, [0], { stride: [1, 0], padding: 'valid' })", () => student.conv2d(image, one, [0], { stride: [1, 0], padding: 'valid' }), /stride/i],
      ["conv2d(image, kernel, [0], { stride: [0, 1], padding: 'valid' })", () => student.conv2d(image, one, [0], { stride: [0, 1], padding: 'valid' }), /stride/i],
      ["maxPool2d(image, { size: 1, stride: 0, padding: 'valid' })", () => student.maxPool2d(image, { size: 1, stride: 0, padding: 'valid' }), /stride/i],
      ["outputSize(5, 3, 0, 'same')", () => student.outputSize(5, 3, 0, 'same'), /stride/i],
    ]
    for (const [what, call, names] of cases) {
      let error: unknown
      try {
        call()
      } catch (e) {
        error = e
      }
      const why = accidentalError(error)
      if (why) throw new Mismatch(`${what} crashed (${why}) instead of checking its input`, prose('a RangeError whose message says what is wrong'), prose(`${(error as Error).name}: ${(error as Error).message}`))
      expectThrows(what, call, [RangeError])
      const message = String((error as Error).message ?? '').trim()
      if (message === '' || (names && !names.test(message))) {
        throw new Mismatch(`${what} threw, but its message does not say what is wrong`, prose(names ? `a message that names the stride` : 'a message that says what is wrong'), prose(message || '(an empty message)'))
      }
    }
  })
})

const pools = (c: PoolCase) => ({ size: c.size, stride: c.stride, padding: c.padding })
const poolWhat = (name: string, c: PoolCase) => `${name}(input, { size: [${c.size.join(', ')}], stride: [${c.stride.join(', ')}], padding: '${c.padding}' })`

describe('pooling and flatten', () => {
  graded('maxPool2d.matchesTf', "maxPool2d agrees exactly with tf.maxPool, 'valid' and 'same' (padding is never the maximum)", onTf(() => {
    forAll({ c: poolCase() }, ({ c }) => expectClose(poolWhat('maxPool2d', c), student.maxPool2d(c.input, pools(c)), tfMaxPool(c.input, c.size, c.stride, c.padding), EXACT), {
      regions: regionsOn('c', { ...poolRegions, "a 'same' window at the border over negative values only": region(3, negativeBorderWindow) }),
    })
  }))
  graded('avgPool2d.matchesTf', "avgPool2d with 'valid' padding agrees with tf.avgPool", onTf(() => {
    forAll({ c: poolCase({ paddings: ['valid'] }) }, ({ c }) => expectClose(poolWhat('avgPool2d', c), student.avgPool2d(c.input, pools(c)), tfAvgPool(c.input, c.size, c.stride, c.padding), AVERAGE), { regions: regionsOn('c', withoutRegions(poolRegions, 'a window larger than the image (same)')) })
  }))
  graded('avgPool2d.same', "avgPool2d with 'same' padding averages only the cells inside the image, as tf.avgPool", onTf(() => {
    forAll({ c: poolCase({ paddings: ['same'] }) }, ({ c }) => expectClose(poolWhat('avgPool2d', c), student.avgPool2d(c.input, pools(c)), tfAvgPool(c.input, c.size, c.stride, c.padding), AVERAGE), { regions: regionsOn('c', { ...poolRegions, 'some padding (a window that reaches past the image)': region(30, (c: PoolCase) => samePadTotal(c.input.length, c.size[0], c.stride[0]) + samePadTotal(c.input[0]!.length, c.size[1], c.stride[1]) > 0) }) })
  }))
  graded('flatten.matchesTf', 'flatten(image) lists the values in the order tf.layers.flatten does (row, column, then channel)', onTf(() => {
    forAll({ c: poolCase() }, ({ c }) => expectEqual('flatten(input)', student.flatten(c.input), tfFlatten(c.input)), {
      regions: regionsOn('c', { 'several channels': region(20, (c: PoolCase) => c.input[0]![0]!.length > 1), 'a non-square image': region(25, (c: PoolCase) => c.input.length !== c.input[0]!.length) }),
    })
  }))
  graded('conv.argumentsUnchanged', 'conv2d, the poolings and flatten leave their arguments unchanged', () => {
    const input: Image = [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]], [[13, 14], [15, 16], [17, 18]]]
    const kernel = [[[[1], [0]], [[0], [1]]], [[[1], [1]], [[0], [0]]]]
    expectArgumentsUnchanged('conv2d', [input, kernel, [0.5], { stride: 1, padding: 'same' }], (a, k, b, o) =>
      student.conv2d(a as Image, k as number[][][][], b as number[], o as student.ConvOptions))
    expectArgumentsUnchanged('maxPool2d', [input, { size: 2, stride: 1, padding: 'same' }], (a, o) => student.maxPool2d(a as Image, o as student.PoolOptions))
    expectArgumentsUnchanged('avgPool2d', [input, { size: 2, stride: 1, padding: 'same' }], (a, o) => student.avgPool2d(a as Image, o as student.PoolOptions))
    expectArgumentsUnchanged('flatten', [input], (a) => student.flatten(a as Image))
  })
})
