// Topic 10's oracles: the lecture's two-input model as a graph to compare with, TensorFlow.js's own
// L1 regularizer, its own save and load, the models the save/load tests draw, and the pretrained
// model the reuse tests hand to the student's code.
import fc from 'fast-check'
import * as tf from '../public/tf.ts'
import { region, type Regions } from '../regions.ts'
import { loadDataset } from '../data/datasets.ts'
import { type Budget, type Labelled, fixedSplit, trainOnBudget } from './keras.ts'
import { labelled } from './described.ts'
import { createRng } from '../public/rng.ts'

export type Matrix = number[][]

// ---- the functional API ----

interface LayerConfig {
  className: string
  name: string
  config: { units?: number; batchInputShape?: (number | null)[] }
  inboundNodes: [string, number, number, unknown][][]
}
interface ModelConfig {
  layers?: LayerConfig[]
  outputLayers?: [string, number, number][]
}

/** Layers that change neither the shape nor the parameters: a signature looks through them. */
const TRANSPARENT = new Set(['Dropout', 'Activation'])

/**
 * The model's graph as text, one line per output: each layer by its kind (Dense with its units,
 * inputs with their shape), followed by what it reads, in order (a concatenation's in any order).
 * Names, activations and the transparent layers (Dropout, Activation) do not count: two models with
 * one signature compute the same kind of function with the same parameters.
 */
export function graphSignature(model: tf.LayersModel): string[] {
  const config = model.getConfig() as ModelConfig
  if (!Array.isArray(config.layers)) return [`a ${model.getClassName()} without layers`]
  // A Sequential lists its layers in order, each reading the one before.
  if (!Array.isArray(config.outputLayers)) return [sequentialSignature(config.layers)]
  const byName = new Map(config.layers.map((l) => [l.name, l]))
  const seen = new Map<string, string>()
  const describe = (name: string, depth: number): string => {
    const layer = byName.get(name)
    if (!layer || depth > 64) return '?'
    const known = seen.get(name)
    if (known) return known
    const inbound = (layer.inboundNodes?.[0] ?? []).map(([from]) => describe(from, depth + 1))
    // Concatenating [x2, x1] instead of [x1, x2] only permutes the next layer's weights: the same model.
    if (layer.className === 'Concatenate') inbound.sort()
    let text: string
    if (layer.className === 'InputLayer') text = `Input[${(layer.config.batchInputShape ?? []).slice(1).join(',')}]`
    else if (TRANSPARENT.has(layer.className) && inbound.length === 1) text = inbound[0]!
    else text = `${layer.className === 'Dense' ? `Dense(${layer.config.units})` : layer.className} ← ${inbound.length > 1 ? `[${inbound.join(' ; ')}]` : (inbound[0] ?? '')}`
    seen.set(name, text)
    return text
  }
  return config.outputLayers.map(([name]) => describe(name, 0))
}

function sequentialSignature(layers: LayerConfig[]): string {
  let text = '?'
  for (const [i, layer] of layers.entries()) {
    const shape = layer.config.batchInputShape
    if (layer.className === 'InputLayer' || (i === 0 && shape)) text = `Input[${(shape ?? []).slice(1).join(',')}]`
    if (layer.className === 'InputLayer' || TRANSPARENT.has(layer.className)) continue
    text = `${layer.className === 'Dense' ? `Dense(${layer.config.units})` : layer.className} ← ${text}`
  }
  return text
}

/** The lecture's model (its code, in TensorFlow.js; linear layers, as the lecture leaves them). */
export function lectureTwoInputModel(): tf.LayersModel {
  const dense = (units: number, x: tf.SymbolicTensor) => tf.layers.dense({ units }).apply(x) as tf.SymbolicTensor
  const input1 = tf.input({ shape: [10] })
  const x1 = dense(32, dense(128, dense(128, input1)))
  const input2 = tf.input({ shape: [8] })
  const x2 = dense(32, dense(32, dense(32, input2)))
  const con = dense(28, tf.layers.concatenate().apply([x1, x2]) as tf.SymbolicTensor)
  const output1 = dense(1, dense(64, con))
  const output2 = dense(1, dense(16, con))
  return tf.model({ inputs: [input1, input2], outputs: [output1, output2] })
}

/** Its parameters: 22048 in the first tower, 2400 in the second, 1820 after the join, 1921 and 481 in the heads. */
export const LECTURE_PARAMS = 28_670

// ---- the L1 penalty ----

/**
 * tf.regularizers.l1 summed over the matrices, and its gradient by tf.grads, except at w = 0:
 * TensorFlow.js differentiates |w| there as −1 (its abs gradient is step(w, −1)), while the course,
 * like TensorFlow in Python and PyTorch, takes sign(0) = 0 (any value in [−1, 1] is a subgradient).
 */
export function tfL1(weights: Matrix[], lambda: number): { penalty: number; gradient: Matrix[] } {
  const { penalty, gradient } = tf.tidy(() => {
    const regularizer = tf.regularizers.l1({ l1: lambda })
    const tensors = weights.map((W) => tf.tensor2d(W, undefined, 'float32'))
    const f = (...ws: tf.Tensor[]) => ws.reduce<tf.Scalar>((s, w) => tf.add(s, regularizer.apply(w)), tf.scalar(0))
    const grads = tf.grads(f)(tensors)
    return { penalty: f(...tensors).dataSync()[0]!, gradient: grads.map((g) => g.arraySync() as Matrix) }
  })
  return { penalty, gradient: gradient.map((G, k) => G.map((row, i) => row.map((g, j) => (weights[k]![i]![j] === 0 ? 0 : g)))) }
}

/** Weights: multiples of 1/8 in [−4, 4] (exact in float32, where tf computes), zeros and negatives on purpose. */
const weight = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: -32, max: 32 }).map((k) => k / 8) },
)
const matrix = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([r, c]) => fc.array(fc.array(weight, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }))
export const weightList = fc.array(matrix, { minLength: 1, maxLength: 3 })
export const lambda = fc.constantFrom(0.001, 0.01, 0.1, 0.5)

const entries = (weights: Matrix[]) => weights.flat(2)
export const l1Regions: Regions<{ weights: Matrix[]; lambda: number }> = {
  'a weight of 0 (sign 0: no pull)': region(20, ({ weights }) => entries(weights).includes(0)),
  'a negative weight (|w| = −w)': region(30, ({ weights }) => entries(weights).some((w) => w < 0)),
  'several matrices': region(20, ({ weights }) => weights.length > 1),
}

// ---- saving and loading ----

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear'
export interface ModelSpec {
  /** tf.sequential, or tf.model with a skip connection (the input joined to the last hidden layer). */
  kind: 'sequential' | 'functional'
  inputs: number
  hidden: { units: number; activation: Activation }[]
  outputs: number
  /** A hidden layer made non-trainable: TensorFlow.js then lists its weights after the trainable ones. */
  frozen: number | null
  compiled: { optimizer: 'sgd' | 'adam' | 'rmsprop'; loss: 'meanSquaredError' | 'meanAbsoluteError' } | null
  seed: number
}

const COMPILATION = fc.record({ optimizer: fc.constantFrom('sgd' as const, 'adam' as const, 'rmsprop' as const), loss: fc.constantFrom('meanSquaredError' as const, 'meanAbsoluteError' as const) })

/** Models to save and load: sequential or functional, 1–3 hidden layers, sometimes a frozen one; compiled sometimes, or always. */
export function modelSpecs(compiled: 'sometimes' | 'always'): fc.Arbitrary<ModelSpec> {
  return fc
    .record({
      kind: fc.constantFrom('sequential' as const, 'functional' as const),
      inputs: fc.integer({ min: 1, max: 5 }),
      hidden: fc.array(fc.record({ units: fc.integer({ min: 1, max: 6 }), activation: fc.constantFrom<Activation>('relu', 'tanh', 'sigmoid', 'linear') }), { minLength: 1, maxLength: 3 }),
      outputs: fc.integer({ min: 1, max: 3 }),
      frozenPick: fc.option(fc.nat(), { nil: null, freq: 2 }),
      compiled: compiled === 'always' ? COMPILATION : fc.option(COMPILATION, { nil: null, freq: 3 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    })
    .map(({ frozenPick, ...spec }) => {
      const full: ModelSpec = { ...spec, frozen: frozenPick === null ? null : frozenPick % spec.hidden.length }
      const text = `${full.kind} ${full.inputs}→${full.hidden.map((h) => `${h.units} ${h.activation}`).join('→')}→${full.outputs}${full.frozen === null ? '' : `, hidden layer ${full.frozen} frozen`}${full.compiled ? `, compiled (${full.compiled.optimizer}, ${full.compiled.loss})` : ''}`
      return labelled(full, text)
    })
}

/** Floors the examples guarantee (the random models add more). */
export const saveRegions: Regions<{ spec: ModelSpec }> = {
  'a functional model (tf.model)': region(2, ({ spec }) => spec.kind === 'functional'),
  'a sequential model': region(2, ({ spec }) => spec.kind === 'sequential'),
  'a compiled model (its training configuration must be saved)': region(3, ({ spec }) => spec.compiled !== null),
  'a frozen layer (its weights listed last)': region(2, ({ spec }) => spec.frozen !== null),
}
export const compiledRegions: Regions<{ spec: ModelSpec }> = {
  'a functional model (tf.model)': region(2, ({ spec }) => spec.kind === 'functional'),
  'a sequential model': region(1, ({ spec }) => spec.kind === 'sequential'),
}

/** The model `spec` describes, with seeded initial weights. */
export function buildFromSpec(spec: ModelSpec): tf.LayersModel {
  let seed = spec.seed
  const dense = (units: number, activation: Activation, name: string) =>
    tf.layers.dense({ units, activation, name, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }), biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: seed++ }) })
  const hidden = spec.hidden.map((h, i) => dense(h.units, h.activation, `hidden_${i}`))
  const out = dense(spec.outputs, 'linear', 'out')
  let model: tf.LayersModel
  if (spec.kind === 'sequential') {
    model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [spec.inputs] }), ...hidden, out] })
  } else {
    const input = tf.input({ shape: [spec.inputs] })
    const last = hidden.reduce<tf.SymbolicTensor>((x, layer) => layer.apply(x) as tf.SymbolicTensor, input)
    const joined = tf.layers.concatenate({ name: 'skip' }).apply([input, last]) as tf.SymbolicTensor
    model = tf.model({ inputs: input, outputs: out.apply(joined) as tf.SymbolicTensor })
  }
  // Weights from the course's generator, not from the initializers: the saved architecture (which
  // names its initializers and their seeds) must not be enough to rebuild them.
  const rng = createRng(spec.seed)
  tf.tidy(() => model.setWeights(model.getWeights().map((w) => tf.tensor(Array.from({ length: w.size }, () => Math.round((rng() * 4 - 2) * 64) / 64), w.shape))))
  if (spec.frozen !== null) hidden[spec.frozen]!.trainable = false
  if (spec.compiled) model.compile({ optimizer: spec.compiled.optimizer, loss: spec.compiled.loss })
  return model
}

/** One model of each kind, always tried first: each region is reached under every seed. */
export const SPEC_EXAMPLES: ModelSpec[] = [
  { kind: 'sequential', inputs: 3, hidden: [{ units: 4, activation: 'relu' }, { units: 3, activation: 'tanh' }], outputs: 2, frozen: 0, compiled: { optimizer: 'adam', loss: 'meanSquaredError' }, seed: 11 },
  { kind: 'functional', inputs: 2, hidden: [{ units: 5, activation: 'sigmoid' }], outputs: 1, frozen: null, compiled: { optimizer: 'sgd', loss: 'meanAbsoluteError' }, seed: 12 },
  { kind: 'functional', inputs: 4, hidden: [{ units: 3, activation: 'relu' }, { units: 2, activation: 'linear' }], outputs: 3, frozen: 1, compiled: { optimizer: 'rmsprop', loss: 'meanSquaredError' }, seed: 13 },
  { kind: 'sequential', inputs: 1, hidden: [{ units: 2, activation: 'tanh' }], outputs: 1, frozen: null, compiled: null, seed: 14 },
].map((spec) => labelled(spec as ModelSpec, `the example ${spec.kind} ${spec.inputs}→${spec.hidden.map((h) => h.units).join('→')}→${spec.outputs}`))
export const COMPILED_EXAMPLES = SPEC_EXAMPLES.filter((s) => s.compiled !== null)

/** A few fixed inputs for a model with `inputs` features. */
export function probeInputs(inputs: number): number[][] {
  return Array.from({ length: 4 }, (_, r) => Array.from({ length: inputs }, (_, c) => ((r * 7 + c * 3) % 11) / 4 - 1.25))
}

/** The model's predictions on `x`, as numbers. */
export function predictionsOf(model: tf.LayersModel, x: number[][]): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(x)) as tf.Tensor).arraySync() as number[][])
}

/** TensorFlow.js's own save to memory (with the training configuration, as Keras saves it). */
export async function referenceSave(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
  }), { includeOptimizer: true })
  return saved!
}

/** TensorFlow.js's own load from memory. */
export const referenceLoad = (artifacts: tf.io.ModelArtifacts) => tf.loadLayersModel(tf.io.fromMemory(artifacts))

/** How a model is compiled, for comparing a loaded one with its original: its optimizer's class and its loss. */
export function compilation(model: tf.LayersModel): string {
  if (!model.optimizer) return 'not compiled'
  const loss = Array.isArray(model.loss) ? model.loss.join(', ') : String(model.loss)
  return `${model.optimizer.getClassName()} optimizer, ${loss} loss`
}

// ---- reusing a trained model's layers ----

/**
 * The pretrained model: 2 → Dense(16, relu) → Dense(12, relu) → Dense(2, softmax), trained on the
 * concentric circles (feature_extraction1: inside or outside a radius). Its hidden layers have
 * learned the radius; the new task sorts the same points into three rings by radius, which a new
 * output layer on those frozen features learns in a few epochs.
 */
export const PRETRAIN_BUDGET: Budget = { epochs: 30, batchSize: 25, seed: 1010 }
export const NEW_TASK_BUDGET: Budget = { epochs: 25, batchSize: 25, seed: 2020 }
export const NEW_TASK_CLASSES = 3

function circles(): { rows: number[][]; radii: number[] } {
  const rows = loadDataset('feature_extraction1').rows
  return { rows, radii: rows.map((r) => Math.hypot(r[0]!, r[1]!)) }
}

/** The 1000 circle points split once: 750 to train on, 250 held out, with the labels of both tasks. */
export function circleTasks(): { source: { train: Labelled; test: Labelled }; target: { train: Labelled; test: Labelled } } {
  const { rows, radii } = circles()
  const sorted = [...radii].sort((a, b) => a - b)
  const cuts = [sorted[Math.floor(sorted.length / 3)]!, sorted[Math.floor((2 * sorted.length) / 3)]!]
  const ring = (r: number) => (r < cuts[0]! ? 0 : r < cuts[1]! ? 1 : 2)
  const indexed = rows.map((row, i) => ({ xy: [row[0]!, row[1]!], source: row[2]!, target: ring(radii[i]!) }))
  const { train, test } = fixedSplit(indexed, Math.floor(indexed.length / 4), 10)
  const make = (items: typeof indexed, task: 'source' | 'target'): Labelled => ({ x: tf.tensor2d(items.map((p) => p.xy)), labels: items.map((p) => p[task]) })
  return { source: { train: make(train, 'source'), test: make(test, 'source') }, target: { train: make(train, 'target'), test: make(test, 'target') } }
}

/** The pretrained model, trained on the source task with the course's seeds (the same on every run). */
export async function pretrainedModel(source: { train: Labelled; test: Labelled }): Promise<{ model: tf.LayersModel; accuracy: number }> {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 16, activation: 'relu', name: 'features_1' }),
      tf.layers.dense({ units: 12, activation: 'relu', name: 'features_2' }),
      tf.layers.dense({ units: 2, activation: 'softmax', name: 'old_output' }),
    ],
  })
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'sparseCategoricalCrossentropy' })
  const record = await trainOnBudget(model, source.train, source.test, 2, PRETRAIN_BUDGET)
  return { model, accuracy: record.accuracy }
}

/** Each layer's weights, by layer name. */
export function weightsByLayer(model: tf.LayersModel): Map<string, number[][]> {
  return new Map(model.layers.map((l) => [l.name, l.getWeights().map((w) => Array.from(w.dataSync()))]))
}
