/**
 * TensorFlow.js for the course, with the backend chosen once: `tensorflow` (the native
 * @tensorflow/tfjs-node) when it is installed and loads, otherwise `wasm`. Two kinds of work need
 * `cpu` instead when tfjs-node is missing; wrap them in `withBackend(backendFor(purpose), …)`:
 *   - 'conv-training': the wasm backend has no Conv2DBackpropFilter kernel, so a convolutional
 *     layer cannot train there;
 *   - 'conv-forward' (convolution as an oracle): wasm's Conv2D (XNNPACK) pads 'same' wrongly when
 *     a stride is larger than the kernel, i.e. when (out − 1)·stride + k − n < 0 (e.g. a 2 × 8
 *     image, a 1 × 3 kernel, strides [3, 1]); cpu follows TensorFlow's definition.
 *
 * Exercise code that imports `@tensorflow/tfjs` receives this module, so everyone shares one
 * TensorFlow.js and one backend.
 *
 * Two of the cpu backend's gradient kernels (Conv2DBackpropFilter and MaxPoolGrad) index their
 * tensors through `TensorBuffer.get(...)`, which makes a small CNN's training step take a second.
 * This module replaces them with the same loops over flat arrays: the same sums in the same order,
 * so the same float32 results (reference/oracles/tf-backend.spec.ts checks this bit for bit against
 * the originals), about thirty times faster.
 */
import * as tf from '@tensorflow/tfjs-core'
// The parts of the @tensorflow/tfjs umbrella package that the course uses, with the side effects
// the umbrella has: every op's gradient and the chained ops (x.add(y)) registered, the cpu and wasm
// backends. Left out: the browser's webgl backend, the converter (graph models) and tf.data, with
// the umbrella's browser bundles (about 200 MB of node_modules). `@tensorflow/tfjs` in exercise
// code is this module (grader/core/package-map.ts).
import '@tensorflow/tfjs-core/dist/register_all_gradients'
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops'
import { version_cpu } from '@tensorflow/tfjs-backend-cpu'
import { version_wasm } from '@tensorflow/tfjs-backend-wasm'
import { LayersModel, Sequential, version_layers } from '@tensorflow/tfjs-layers'

export * from '@tensorflow/tfjs-core'
export * from '@tensorflow/tfjs-layers'
export * from '@tensorflow/tfjs-backend-cpu'

/** The versions of the TensorFlow.js parts in use (the umbrella's `tf.version`, for these parts). */
export const version = { 'tfjs-core': tf.version_core, 'tfjs-layers': version_layers, 'tfjs-backend-cpu': version_cpu, 'tfjs-backend-wasm': version_wasm } as const

// What the course's bridge needs to rebuild a model that crossed into this process (a test handing
// exercise code a trained model; grader/bridge/models.ts reads it under this symbol).
;(globalThis as Record<symbol, unknown>)[Symbol.for('course.tf.model-kit')] = { Sequential, LayersModel, tensor: tf.tensor }

export type Purpose = 'forward' | 'dense-training' | 'conv-forward' | 'conv-training'

/** An optionalDependency: its install downloads libtensorflow, which fails on many machines. */
const NATIVE_PACKAGE: string = '@tensorflow/tfjs-node'

async function loadNative(): Promise<boolean> {
  if (process.env.COURSE_TFJS_NODE === '0') return false
  try {
    await import(/* @vite-ignore */ NATIVE_PACKAGE)
    return tf.findBackend('tensorflow') !== undefined || tf.engine().registryFactory.tensorflow !== undefined
  } catch {
    return false
  }
}

// ---- faster cpu gradient kernels (same arithmetic as the originals) ----

type KernelArgs = Parameters<tf.KernelFunc>[0]
type CpuData = { data: { get(id: tf.DataId): { values: tf.TypedArray } }; makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.TypedArray): tf.TensorInfo }

/** The kernels that tfjs-backend-cpu registered, kept for the fallback paths and for the spec. */
export const originalCpuKernels: Partial<Record<'Conv2DBackpropFilter' | 'MaxPoolGrad', tf.KernelConfig>> = {}

/** dW[wR][wC][d1][d2] = Σ_b Σ_yR Σ_yC x[b][xR][xC][d1]·dy[b][yR][yC][d2], in tfjs-backend-cpu's loop order. */
function conv2DBackpropFilterCpu(args: KernelArgs): tf.TensorInfo {
  const { inputs, attrs } = args
  const backend = args.backend as unknown as CpuData
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo }
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  )
  if (info.dataFormat !== 'channelsLast' || x.dtype !== 'float32' || dy.dtype !== 'float32') {
    return originalCpuKernels.Conv2DBackpropFilter!.kernelFunc(args) as tf.TensorInfo
  }
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, inHeight: H, inWidth: W } = info
  const { inChannels: C, outChannels: D, outHeight: OH, outWidth: OW, batchSize: N } = info
  const top = info.padInfo.top
  const left = info.padInfo.left
  const xv = backend.data.get(x.dataId).values
  const dyv = backend.data.get(dy.dataId).values
  const dW = new Float32Array(fh * fw * C * D)
  for (let wR = 0; wR < fh; ++wR) {
    const yRMin = Math.max(0, Math.ceil((top - wR) / sh))
    const yRMax = Math.min(OH, (H + top - wR) / sh)
    for (let wC = 0; wC < fw; ++wC) {
      const yCMin = Math.max(0, Math.ceil((left - wC) / sw))
      const yCMax = Math.min(OW, (W + left - wC) / sw)
      for (let d1 = 0; d1 < C; ++d1) {
        for (let d2 = 0; d2 < D; ++d2) {
          let dotProd = 0
          for (let b = 0; b < N; ++b) {
            for (let yR = yRMin; yR < yRMax; ++yR) {
              const xRow = (b * H + wR + yR * sh - top) * W * C + d1
              const dyRow = (b * OH + yR) * OW * D + d2
              for (let yC = yCMin; yC < yCMax; ++yC) {
                dotProd += xv[xRow + (wC + yC * sw - left) * C]! * dyv[dyRow + yC * D]!
              }
            }
          }
          dW[((wR * fw + wC) * C + d1) * D + d2] = dotProd
        }
      }
    }
  }
  return backend.makeTensorInfo(filterShape, 'float32', dW)
}

/** dx of max pooling: each input cell collects dy from the windows whose maximum it is (first maximum wins). */
function maxPoolGradCpu(args: KernelArgs): tf.TensorInfo {
  const { inputs, attrs } = args
  const backend = args.backend as unknown as CpuData
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo }
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode)
  if (input.dtype !== 'float32' || dy.dtype !== 'float32' || info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    return originalCpuKernels.MaxPoolGrad!.kernelFunc(args) as tf.TensorInfo
  }
  const { strideHeight: sh, strideWidth: sw, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, batchSize: N } = info
  const fh = info.effectiveFilterHeight
  const fw = info.effectiveFilterWidth
  const xv = backend.data.get(input.dataId).values
  const dyv = backend.data.get(dy.dataId).values
  // Position of the maximum inside each window (row-major in the window; the first maximum wins).
  const maxPos = new Int32Array(N * OH * OW * C)
  for (let b = 0; b < N; ++b) {
    for (let d = 0; d < C; ++d) {
      for (let yR = 0; yR < OH; ++yR) {
        const xRCorner = yR * sh - info.padInfo.top
        const xRMin = Math.max(0, xRCorner)
        const xRMax = Math.min(H, fh + xRCorner)
        for (let yC = 0; yC < OW; ++yC) {
          const xCCorner = yC * sw - info.padInfo.left
          const xCMin = Math.max(0, xCCorner)
          const xCMax = Math.min(W, fw + xCCorner)
          let maxValue = Number.NEGATIVE_INFINITY
          let maxPosition = -1
          for (let xR = xRMin; xR < xRMax; ++xR) {
            for (let xC = xCMin; xC < xCMax; ++xC) {
              const pixel = xv[((b * H + xR) * W + xC) * C + d]!
              if (pixel > maxValue) {
                maxValue = pixel
                maxPosition = (xR - xRCorner) * fw + (xC - xCCorner)
              }
            }
          }
          maxPos[((b * OH + yR) * OW + yC) * C + d] = maxPosition
        }
      }
    }
  }
  const padLeft = fw - 1 - info.padInfo.left
  const padTop = fh - 1 - info.padInfo.top
  const dx = new Float32Array(N * H * W * C)
  for (let b = 0; b < N; ++b) {
    for (let d = 0; d < C; ++d) {
      for (let dxR = 0; dxR < H; ++dxR) {
        for (let dxC = 0; dxC < W; ++dxC) {
          const dyRCorner = dxR - padTop
          const dyCCorner = dxC - padLeft
          let dotProd = 0
          for (let wR = 0; wR < fh; ++wR) {
            const dyR = (dyRCorner + wR) / sh
            if (dyR < 0 || dyR >= OH || Math.floor(dyR) !== dyR) continue
            for (let wC = 0; wC < fw; ++wC) {
              const dyC = (dyCCorner + wC) / sw
              if (dyC < 0 || dyC >= OW || Math.floor(dyC) !== dyC) continue
              const at = ((b * OH + dyR) * OW + dyC) * C + d
              if (fh * fw - 1 - maxPos[at]! !== wR * fw + wC) continue
              dotProd += dyv[at]!
            }
          }
          dx[((b * H + dxR) * W + dxC) * C + d] = dotProd
        }
      }
    }
  }
  return backend.makeTensorInfo(input.shape, 'float32', dx)
}

function replaceCpuKernel(name: 'Conv2DBackpropFilter' | 'MaxPoolGrad', kernelFunc: (args: KernelArgs) => tf.TensorInfo): void {
  const original = tf.getKernel(name, 'cpu')
  if (!original || originalCpuKernels[name]) return
  originalCpuKernels[name] = original
  tf.unregisterKernel(name, 'cpu')
  tf.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc: kernelFunc as unknown as tf.KernelFunc })
}

replaceCpuKernel('Conv2DBackpropFilter', conv2DBackpropFilterCpu)
replaceCpuKernel('MaxPoolGrad', maxPoolGradCpu)

// ---- choosing the backend ----

const native = await loadNative()
/** COURSE_TF_BACKEND=cpu runs everything on cpu (the benchmark compares backends this way). */
const onlyCpu = !native && process.env.COURSE_TF_BACKEND === 'cpu'
/** Silences the cpu backend's one-time "install tfjs-node" banner: the course says which backend it uses. */
const quietly = async <T>(work: () => Promise<T>): Promise<T> => {
  const warn = console.warn
  console.warn = () => {}
  try {
    return await work()
  } finally {
    console.warn = warn
  }
}
await quietly(async () => {
  await tf.setBackend('cpu')
  // The banner is printed on the cpu backend's first write, not when it is created.
  tf.scalar(0).dispose()
  await tf.setBackend(native ? 'tensorflow' : onlyCpu ? 'cpu' : 'wasm')
  await tf.ready()
})

/** The backend to use for a kind of work. */
export function backendFor(purpose: Purpose): string {
  if (native) return 'tensorflow'
  return onlyCpu || purpose === 'conv-training' || purpose === 'conv-forward' ? 'cpu' : 'wasm'
}

/** Runs `work` on `backend`, then switches back. */
export async function withBackend<T>(backend: string, work: () => Promise<T> | T): Promise<T> {
  const previous = tf.getBackend()
  if (previous === backend) return await work()
  await tf.setBackend(backend)
  try {
    return await work()
  } finally {
    await tf.setBackend(previous)
  }
}

/** One line for logs and results: which backends this process uses. */
export function backendSummary(): string {
  if (native) return 'tensorflow (tfjs-node)'
  return onlyCpu ? 'cpu (COURSE_TF_BACKEND=cpu; tfjs-node not loaded)' : 'wasm (cpu for convolutions; tfjs-node not loaded)'
}
