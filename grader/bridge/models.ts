// TensorFlow.js layers models cross the bridge as data, both ways: their class, configuration,
// training configuration and weights (wire.ts's 'model' record); the receiving side rebuilds them
// with its own TensorFlow.js. So a test can hand a student's function a trained model (topic 10
// reuses one's layers), and a student's function can return one (08, 09, 10 build models).
//
// A model passed in is a copy: what the student's code does to it (training, freezing layers)
// stays in the student's process. A test that needs the result reads the function's return value.
import type { WireNode } from './wire.ts'

type ModelNode = Extract<WireNode, { t: 'model' }>

interface LayersModelLike {
  getClassName(): string
  getConfig(): unknown
  getTrainingConfig(): unknown
  getWeights(): { shape: number[]; dtype: string; dataSync(): ArrayBufferView }[]
  countParams(): number
  optimizer?: unknown
  layers: unknown[]
}

/** The parts of TensorFlow.js that rebuild a model: tfjs-layers' model classes and tfjs-core's tensor. */
export interface ModelKit {
  Sequential: { fromConfig(cls: unknown, config: unknown): RebuiltModel }
  LayersModel: { fromConfig(cls: unknown, config: unknown): RebuiltModel }
  tensor(data: ArrayBufferView, shape: number[], dtype: string): { dispose(): void }
}
interface RebuiltModel {
  setWeights(weights: unknown[]): void
  loadTrainingConfig(config: unknown): void
}

/**
 * Where reference/public/tf.ts puts its ModelKit when it loads: a student process rebuilds a model
 * with the TensorFlow.js its code imported (the one whose backend is ready).
 */
export const MODEL_KIT = Symbol.for('course.tf.model-kit')

export function isLayersModel(value: unknown): value is LayersModelLike {
  if (value === null || typeof value !== 'object') return false
  const m = value as Partial<LayersModelLike>
  return typeof m.getWeights === 'function' && typeof m.getConfig === 'function' && typeof m.getClassName === 'function' && typeof m.countParams === 'function' && Array.isArray(m.layers)
}

/** A model as data; undefined for anything else (wire.ts's `special`). */
export function encodeModel(value: object): WireNode | undefined {
  if (!isLayersModel(value)) return undefined
  return {
    t: 'model',
    cls: value.getClassName(),
    config: JSON.stringify(value.getConfig()),
    training: value.optimizer ? JSON.stringify(value.getTrainingConfig()) : null,
    weights: value.getWeights().map((w) => ({ shape: [...w.shape], dtype: String(w.dtype), data: w.dataSync() })),
  }
}

/** The model `node` describes, rebuilt with `kit`: the same layers, weights and (if it had one) compilation. */
export function rebuildModel(node: ModelNode, kit: ModelKit): unknown {
  const cls = node.cls === 'Sequential' ? kit.Sequential : kit.LayersModel
  const model = cls.fromConfig(cls, JSON.parse(node.config))
  const tensors = node.weights.map((w) => kit.tensor(w.data, w.shape, w.dtype))
  model.setWeights(tensors)
  for (const t of tensors) t.dispose()
  if (node.training) model.loadTrainingConfig(JSON.parse(node.training))
  return model
}

/** The kit reference/public/tf.ts registered in this process, if it loaded. */
export function registeredKit(): ModelKit {
  const kit = (globalThis as { [MODEL_KIT]?: ModelKit })[MODEL_KIT]
  if (!kit) throw new Error('a TensorFlow.js model was passed to code that does not import @tensorflow/tfjs')
  return kit
}
