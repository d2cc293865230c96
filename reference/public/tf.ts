/**
 * TensorFlow.js for the course, with the backend chosen once: `tensorflow` (the native
 * @tensorflow/tfjs-node) when it is installed and loads, otherwise `wasm`. The wasm backend has no
 * Conv2DBackpropFilter kernel, so training a convolutional layer needs `cpu`: wrap such work in
 * `withBackend(backendFor('conv-training'), …)`.
 *
 * Exercise code that imports `@tensorflow/tfjs` receives this module, so everyone shares one
 * TensorFlow.js and one backend.
 */
import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'

export * from '@tensorflow/tfjs'

export type Purpose = 'forward' | 'dense-training' | 'conv-training'

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

const native = await loadNative()
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
  await tf.setBackend(native ? 'tensorflow' : 'wasm')
  await tf.ready()
})

/** The backend to use for a kind of work. */
export function backendFor(purpose: Purpose): string {
  if (native) return 'tensorflow'
  return purpose === 'conv-training' ? 'cpu' : 'wasm'
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
  return native ? 'tensorflow (tfjs-node)' : 'wasm (cpu for conv training; tfjs-node not loaded)'
}
