// Oracles for 09-convolution: tf.conv2d, tf.maxPool, tf.avgPool and tf.layers.flatten, and the
// generators of images and kernels the tests compare them on.
//
// Values are multiples of 1/4 in [−2, 2]: every product is a multiple of 1/16 and every sum of at
// most 5·5·3 such products is below 300 in size, so float32 (TensorFlow) and float64 (your code)
// hold every intermediate result exactly. Convolution and max pooling must then agree exactly,
// and no tolerance can hide a mistake.
import fc from 'fast-check'
import * as tf from '../public/tf.ts'
import { labelled } from './described.ts'
import { type Regions, region } from '../regions.ts'

export type Image = number[][][]
export type Kernel = number[][][][]
export type Padding = 'valid' | 'same'

const quarter = fc.integer({ min: -8, max: 8 }).map((v) => v / 4)
const arrayOf = <T>(arb: fc.Arbitrary<T>, n: number) => fc.array(arb, { minLength: n, maxLength: n })
export const imageArb = (h: number, w: number, c: number): fc.Arbitrary<Image> => arrayOf(arrayOf(arrayOf(quarter, c), w), h)
export const kernelArb = (kh: number, kw: number, cin: number, cout: number): fc.Arbitrary<Kernel> => arrayOf(arrayOf(arrayOf(arrayOf(quarter, cout), cin), kw), kh)

export interface ConvCase {
  input: Image
  kernel: Kernel
  bias: number[]
  stride: [number, number]
  padding: Padding
}

export interface ConvCaseOptions {
  /** Only these paddings. */
  paddings?: Padding[]
  /** Kernel sizes to draw from (each direction separately). */
  kernelSizes?: number[]
  maxStride?: number
  maxChannels?: number
}

/** A random image (1–8 × 1–8 × 1–3), kernel, bias, stride (each direction 1–3) and padding. Under 'valid' the kernel fits. */
export function convCase(options: ConvCaseOptions = {}): fc.Arbitrary<ConvCase> {
  const { paddings = ['valid', 'same'], kernelSizes = [1, 2, 3, 4, 5], maxStride = 3, maxChannels = 3 } = options
  return fc
    .record({
      h: fc.integer({ min: 1, max: 8 }),
      w: fc.integer({ min: 1, max: 8 }),
      cin: fc.integer({ min: 1, max: maxChannels }),
      cout: fc.integer({ min: 1, max: maxChannels }),
      kh: fc.constantFrom(...kernelSizes),
      kw: fc.constantFrom(...kernelSizes),
      sh: fc.integer({ min: 1, max: maxStride }),
      sw: fc.integer({ min: 1, max: maxStride }),
      padding: fc.constantFrom(...paddings),
    })
    .map((d) => (d.padding === 'valid' ? { ...d, h: Math.max(d.h, d.kh), w: Math.max(d.w, d.kw) } : d))
    .chain((d) =>
      fc.record({ input: imageArb(d.h, d.w, d.cin), kernel: kernelArb(d.kh, d.kw, d.cin, d.cout), bias: arrayOf(quarter, d.cout) }).map(({ input, kernel, bias }) =>
        labelled(
          { input, kernel, bias, stride: [d.sh, d.sw] as [number, number], padding: d.padding },
          `{ input: ${d.h}×${d.w}×${d.cin} ${JSON.stringify(input)},\n  kernel: ${d.kh}×${d.kw}×${d.cin}×${d.cout} ${JSON.stringify(kernel)},\n  bias: ${JSON.stringify(bias)}, stride: [${d.sh}, ${d.sw}], padding: '${d.padding}' }`,
        ),
      ),
    )
}

export interface PoolCase {
  input: Image
  size: [number, number]
  stride: [number, number]
  padding: Padding
}

/** A random image and a pooling window (1–4 each way), stride (1–3) and padding; under 'valid' the window fits. */
export function poolCase(options: { paddings?: Padding[] } = {}): fc.Arbitrary<PoolCase> {
  const { paddings = ['valid', 'same'] } = options
  return fc
    .record({
      h: fc.integer({ min: 1, max: 8 }),
      w: fc.integer({ min: 1, max: 8 }),
      c: fc.integer({ min: 1, max: 3 }),
      ph: fc.integer({ min: 1, max: 4 }),
      pw: fc.integer({ min: 1, max: 4 }),
      sh: fc.integer({ min: 1, max: 3 }),
      sw: fc.integer({ min: 1, max: 3 }),
      padding: fc.constantFrom(...paddings),
    })
    .map((d) => (d.padding === 'valid' ? { ...d, h: Math.max(d.h, d.ph), w: Math.max(d.w, d.pw) } : d))
    .chain((d) =>
      imageArb(d.h, d.w, d.c).map((input) =>
        labelled(
          { input, size: [d.ph, d.pw] as [number, number], stride: [d.sh, d.sw] as [number, number], padding: d.padding },
          `{ input: ${d.h}×${d.w}×${d.c} ${JSON.stringify(input)}, size: [${d.ph}, ${d.pw}], stride: [${d.sh}, ${d.sw}], padding: '${d.padding}' }`,
        ),
      ),
    )
}

// ---- TensorFlow.js ----

export function tfConv2d(input: Image, kernel: Kernel, bias: number[], stride: [number, number], padding: Padding): Image {
  return tf.tidy(() => tf.add(tf.conv2d(tf.tensor3d(input), tf.tensor4d(kernel), stride, padding), tf.tensor1d(bias)).arraySync() as Image)
}

export function tfMaxPool(input: Image, size: [number, number], stride: [number, number], padding: Padding): Image {
  return tf.tidy(() => tf.maxPool(tf.tensor3d(input), size, stride, padding).arraySync() as Image)
}

export function tfAvgPool(input: Image, size: [number, number], stride: [number, number], padding: Padding): Image {
  return tf.tidy(() => tf.avgPool(tf.tensor3d(input), size, stride, padding).arraySync() as Image)
}

/** What a tf.layers.flatten layer makes of one HWC image. */
export function tfFlatten(input: Image): number[] {
  return tf.tidy(() => (tf.layers.flatten().apply(tf.tensor4d([input])) as tf.Tensor).arraySync() as number[][])[0]!
}

/** The output length TensorFlow gives along one axis: the height of tf.conv2d on an n × 1 image with a k × 1 kernel. */
export function tfOutputSize(n: number, k: number, stride: number, padding: Padding): number {
  return tf.tidy(() => tf.conv2d(tf.zeros([n, 1, 1]) as tf.Tensor3D, tf.zeros([k, 1, 1, 1]) as tf.Tensor4D, [stride, 1], padding).shape[0])
}

/** Channel-first copies of an HWC image's maps, for the feature-map plot. */
export function channelsFirst(image: Image): number[][][] {
  const C = image[0]?.[0]?.length ?? 0
  return Array.from({ length: C }, (_, c) => image.map((row) => row.map((pixel) => pixel[c]!)))
}

/** Four 3 × 3 filters of the lecture's kind ("inner products find patterns"): edges in four directions. */
export const EDGE_FILTERS: { name: string; weights: number[][] }[] = [
  { name: 'vertical edge', weights: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] },
  { name: 'horizontal edge', weights: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]] },
  { name: 'diagonal ↘', weights: [[2, 1, 0], [1, 0, -1], [0, -1, -2]] },
  { name: 'diagonal ↙', weights: [[0, 1, 2], [-1, 0, 1], [-2, -1, 0]] },
]

/** The filters above as one kernel [3][3][1][4]. */
export function edgeKernel(): Kernel {
  return [0, 1, 2].map((u) => [0, 1, 2].map((v) => [EDGE_FILTERS.map((f) => f.weights[u]![v]!)]))
}

// ---- where a mistake shows ----

/** TensorFlow's total padding along one axis under 'same': out = ⌈n/s⌉, total = max((out − 1)·s + k − n, 0). */
export function samePadTotal(n: number, k: number, s: number): number {
  return Math.max((Math.ceil(n / s) - 1) * s + k - n, 0)
}
const dims = (c: { input: Image }) => [c.input.length, c.input[0]!.length] as const
const kernelDims = (c: ConvCase) => [c.kernel.length, c.kernel[0]!.length] as const

export const convRegions: Regions<ConvCase> = {
  'a stride above 1 with an odd total padding (the extra zero at the end)': region(5, (c) => {
    if (c.padding !== 'same') return false
    const [h, w] = dims(c)
    const [kh, kw] = kernelDims(c)
    return (c.stride[0] > 1 && samePadTotal(h, kh, c.stride[0]) % 2 === 1) || (c.stride[1] > 1 && samePadTotal(w, kw, c.stride[1]) % 2 === 1)
  }),
  'a stride larger than the kernel': region(5, (c) => c.stride[0] > kernelDims(c)[0] || c.stride[1] > kernelDims(c)[1]),
  'different strides down and across': region(15, (c) => c.stride[0] !== c.stride[1]),
  'a non-square image': region(25, (c) => dims(c)[0] !== dims(c)[1]),
  'several input channels and filters': region(10, (c) => c.input[0]![0]!.length > 1 && c.bias.length > 1),
}

export const poolRegions: Regions<PoolCase> = {
  'a stride other than the window': region(20, (c) => c.stride[0] !== c.size[0] || c.stride[1] !== c.size[1]),
  'different strides down and across': region(15, (c) => c.stride[0] !== c.stride[1]),
  'a window larger than the image (same)': region(3, (c) => c.padding === 'same' && (c.size[0] > dims(c)[0] || c.size[1] > dims(c)[1])),
  'a one-pixel-wide image': region(3, (c) => dims(c)[0] === 1 || dims(c)[1] === 1),
}
