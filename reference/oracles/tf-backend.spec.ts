// Unit checks of the course's TensorFlow.js module (reference/public/tf.ts) and of the facts the
// 08/09 oracles rely on.
import { describe, expect, it } from 'vitest'
import * as tf from '../public/tf.ts'
import { createRng } from '../public/rng.ts'
import { tfDropoutScale } from './dense.ts'

type KernelArgs = Parameters<tf.KernelFunc>[0]

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed)
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * rng() - 1), shape)
}

/** Runs a kernel function of the cpu backend directly and returns its output's values. */
function runKernel(config: tf.KernelConfig, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): Float32Array {
  const backend = tf.backend()
  const info = config.kernelFunc({ inputs, backend, attrs } as unknown as KernelArgs) as tf.TensorInfo
  const values = (backend as unknown as { readSync(id: tf.DataId): Float32Array }).readSync(info.dataId)
  backend.disposeData(info.dataId)
  return Float32Array.from(values)
}

describe('reference/public/tf.ts', () => {
  it('chooses wasm for forward and dense work and cpu for convolutions when tfjs-node is absent', () => {
    const native = tf.backendSummary().startsWith('tensorflow')
    expect(tf.backendFor('forward')).toBe(native ? 'tensorflow' : 'wasm')
    expect(tf.backendFor('dense-training')).toBe(native ? 'tensorflow' : 'wasm')
    expect(tf.backendFor('conv-forward')).toBe(native ? 'tensorflow' : 'cpu')
    expect(tf.backendFor('conv-training')).toBe(native ? 'tensorflow' : 'cpu')
  })

  it('withBackend switches for the work and back afterwards, also when the work throws', async () => {
    const before = tf.getBackend()
    expect(await tf.withBackend('cpu', () => tf.getBackend())).toBe('cpu')
    expect(tf.getBackend()).toBe(before)
    await expect(tf.withBackend('cpu', () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(tf.getBackend()).toBe(before)
  })

  const convCases: { x: number[]; filter: number[]; strides: [number, number]; pad: 'valid' | 'same' }[] = [
    { x: [2, 9, 7, 2], filter: [3, 2, 2, 3], strides: [2, 2], pad: 'same' },
    { x: [3, 8, 8, 3], filter: [4, 4, 3, 2], strides: [1, 1], pad: 'same' },
    { x: [2, 8, 8, 3], filter: [3, 3, 3, 2], strides: [2, 1], pad: 'valid' },
    { x: [1, 5, 6, 1], filter: [5, 1, 1, 4], strides: [1, 3], pad: 'same' },
    { x: [4, 28, 28, 1], filter: [3, 3, 1, 8], strides: [1, 1], pad: 'valid' },
  ]
  it("its cpu Conv2DBackpropFilter gives bit for bit what tfjs-backend-cpu's own kernel gives", async () => {
    await tf.withBackend('cpu', () => {
      const mine = tf.getKernel('Conv2DBackpropFilter', 'cpu')!
      const original = tf.originalCpuKernels.Conv2DBackpropFilter!
      expect(mine.kernelFunc).not.toBe(original.kernelFunc)
      convCases.forEach(({ x, filter, strides, pad }, k) => {
        const input = randomTensor(x, 10 + k)
        const dy = randomTensor(tf.conv2d(input as tf.Tensor4D, tf.zeros(filter as [number, number, number, number]) as tf.Tensor4D, strides, pad).shape as number[], 20 + k)
        const attrs = { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: filter }
        expect(runKernel(mine, { x: input, dy }, attrs)).toEqual(runKernel(original, { x: input, dy }, attrs))
      })
    })
  })

  it("its cpu MaxPoolGrad gives bit for bit what tfjs-backend-cpu's own kernel gives, ties included", async () => {
    await tf.withBackend('cpu', () => {
      const mine = tf.getKernel('MaxPoolGrad', 'cpu')!
      const original = tf.originalCpuKernels.MaxPoolGrad!
      expect(mine.kernelFunc).not.toBe(original.kernelFunc)
      const cases: { x: number[]; size: [number, number]; strides: [number, number]; pad: 'valid' | 'same' }[] = [
        { x: [2, 8, 8, 3], size: [2, 2], strides: [2, 2], pad: 'valid' },
        { x: [2, 7, 9, 2], size: [3, 3], strides: [2, 2], pad: 'same' },
        { x: [1, 6, 6, 1], size: [2, 3], strides: [1, 1], pad: 'same' },
        { x: [3, 26, 26, 8], size: [2, 2], strides: [2, 2], pad: 'valid' },
      ]
      cases.forEach(({ x, size, strides, pad }, k) => {
        // Rounded values, so windows hold ties: the first maximum must win in both.
        const input = tf.round(tf.mul(randomTensor(x, 30 + k), 2))
        const output = tf.maxPool(input as tf.Tensor4D, size, strides, pad)
        const dy = randomTensor(output.shape, 40 + k)
        const attrs = { filterSize: size, strides, pad, dimRoundingMode: undefined }
        expect(runKernel(mine, { dy, input, output }, attrs)).toEqual(runKernel(original, { dy, input, output }, attrs))
      })
    })
  })

  it('wasm pads a strided "same" convolution differently from cpu: the reason for backendFor("conv-forward")', async () => {
    // A 3 × 1 image and a 2 × 2 kernel with strides [3, 1]: (out − 1)·3 + 2 − 3 < 0, so TensorFlow adds no padding.
    const run = () => tf.tidy(() => tf.conv2d(tf.tensor3d([[[0]], [[0.25]], [[0]]]), tf.tensor4d([[[[0]], [[0]]], [[[-0.25]], [[0]]]]), [3, 1], 'same').arraySync())
    expect(await tf.withBackend('cpu', run)).toEqual([[[-0.0625]]])
    // If a later tfjs-backend-wasm fixes this, conv-forward may go back to wasm.
    expect(await tf.withBackend('wasm', run)).not.toEqual([[[-0.0625]]])
  })

  it('tf.dropout scales the entries it keeps by 1/(1 − rate), as 08 asks of dropout()', () => {
    for (const rate of [0.1, 0.25, 0.5, 0.8]) expect(tfDropoutScale(rate)).toBeCloseTo(1 / (1 - rate), 5)
  })
})
