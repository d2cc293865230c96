// Topic 06: classification (分類): sigmoid, softmax, cross-entropy (交叉熵), logistic regression and
// the Gaussian generative model. Read README.md in this folder first.
// Replace each `throw` with your code; `npm test -- 06` checks your work.
//
// Conventions: labels of two-class data are 0 and 1 (not −1 and +1); logs are natural logs (nats),
// as in Keras and TensorFlow; bad input throws a RangeError or TypeError that says what is wrong.

export interface LogisticGradient {
  /** ∂L/∂w, one entry per feature. */
  dw: number[]
  /** ∂L/∂b. */
  db: number
}
export interface TrainOptions {
  learningRate: number
  /** Number of gradient-descent steps (each uses all the data). */
  epochs: number
  /** Starting weights (default: all 0). */
  w0?: number[]
  /** Starting bias (default: 0). */
  b0?: number
}
/** The state before the first step and after each step, as in the lecture's `history`. */
export interface LogisticStep {
  w: number[]
  b: number
  /** The mean binary cross-entropy of σ(w·x + b) over the data, at this w and b. */
  loss: number
  /** The share of rows that predict(w, b, x) gets right, at this w and b. */
  accuracy: number
}
export interface LogisticResult {
  w: number[]
  b: number
  /** epochs + 1 entries: history[0] is the start, history[t] the state after t steps. */
  history: LogisticStep[]
}
export interface SoftmaxGradient {
  /** ∂L/∂W, k rows of d entries. */
  dW: number[][]
  /** ∂L/∂b, k entries. */
  db: number[]
}
export interface SoftmaxTrainOptions {
  learningRate: number
  epochs: number
  /** Starting weights, k × d (default: all 0). */
  W0?: number[][]
  /** Starting biases, k entries (default: all 0). */
  b0?: number[]
}
export interface SoftmaxStep {
  W: number[][]
  b: number[]
  /** The mean categorical cross-entropy of softmax(W·x + b) over the data. */
  loss: number
  accuracy: number
}
export interface SoftmaxResult {
  W: number[][]
  b: number[]
  history: SoftmaxStep[]
}
/** A normal distribution fitted to data: mean vector and covariance matrix. */
export interface Gaussian {
  mean: number[]
  cov: number[][]
}
/** Two classes ("tribe x" is class 0, "tribe y" class 1), each a Gaussian, sharing one covariance. */
export interface SharedCovarianceModel {
  /** μ₀ and μ₁. */
  means: [number[], number[]]
  /** The shared Σ. */
  cov: number[][]
  /** P(C₀) and P(C₁). */
  priors: [number, number]
}

// ---- sigmoid, softmax and cross-entropy ----

/**
 * σ(z) = 1/(1 + e^−z). Must be accurate (to a few units in the last place) for every z from −1000
 * to 1000, including the far negative tail where σ(z) is a tiny positive number, and never NaN.
 * Throws for NaN.
 */
export function sigmoid(z: number): number {
  throw new Error('not implemented: sigmoid(z)')
}

/** pᵢ = e^zᵢ / Σⱼ e^zⱼ. Never NaN for finite z, even for [1000, 0] or all zᵢ ≤ −1000. Throws for [] or non-finite entries. */
export function softmax(z: readonly number[]): number[] {
  throw new Error('not implemented: softmax(z)')
}

/** ln softmax(z), computed directly so that it stays finite: logSoftmax([1000, 0]) = [0, −1000]. */
export function logSoftmax(z: readonly number[]): number[] {
  throw new Error('not implemented: logSoftmax(z)')
}

/**
 * The cross-entropy of a prediction p = P(class 1) against the truth y (0, 1, or a probability):
 * −[y ln p + (1 − y) ln(1 − p)]. Clip p to [ε, 1 − ε] for a small ε (Keras uses 1e-7; any
 * 0 < ε ≤ 1e-6 is accepted) so that p = 0 or 1 gives a large finite loss, never NaN or Infinity.
 * Throws unless p and y are in [0, 1].
 */
export function binaryCrossEntropy(p: number, y: number): number {
  throw new Error('not implemented: binaryCrossEntropy(p, y)')
}

/**
 * −Σₖ yₖ ln pₖ for predicted probabilities p and true distribution y (usually one-hot). Finite for
 * pₖ = 0 or 1 (clip as above; a class with yₖ = 0 contributes nothing). Throws for different lengths,
 * empty arrays, or entries outside [0, 1].
 */
export function categoricalCrossEntropy(p: readonly number[], y: readonly number[]): number {
  throw new Error('not implemented: categoricalCrossEntropy(p, y)')
}

// ---- logistic regression ----

/**
 * The gradient of the mean binary cross-entropy L(w, b) = (1/n) Σ H(σ(w·xᵢ + b), yᵢ):
 * ∂L/∂w = (1/n) Σ (σ(w·xᵢ + b) − yᵢ)·xᵢ and ∂L/∂b = (1/n) Σ (σ(w·xᵢ + b) − yᵢ).
 * Throws for mismatched lengths, empty data, or labels other than 0 and 1.
 */
export function logisticGradient(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): LogisticGradient {
  throw new Error('not implemented: logisticGradient(w, b, X, y)')
}

/**
 * Full-batch gradient descent on the mean cross-entropy, as in the lecture: each step computes
 * both parts of the gradient at the current (w, b), then updates w and b together.
 */
export function trainLogistic(X: readonly number[][], y: readonly number[], opts: TrainOptions): LogisticResult {
  throw new Error('not implemented: trainLogistic(X, y, opts)')
}

/** The lecture's rule: 1 when σ(w·x + b) ≥ 0.5, else 0. */
export function predict(w: readonly number[], b: number, x: readonly number[]): 0 | 1 {
  throw new Error('not implemented: predict(w, b, x)')
}

/** The share of rows (0 to 1) whose prediction equals the label. */
export function accuracy(w: readonly number[], b: number, X: readonly number[][], y: readonly number[]): number {
  throw new Error('not implemented: accuracy(w, b, X, y)')
}

// ---- softmax regression: k classes, z = W·x + b, W has k rows of d weights ----

/**
 * The gradient of the mean categorical cross-entropy of softmax(W·x + b) against labels y (integers
 * 0 … k−1): ∂L/∂W = (1/n) Σ (pᵢ − onehot(yᵢ))·xᵢᵀ and ∂L/∂b = (1/n) Σ (pᵢ − onehot(yᵢ)).
 */
export function softmaxGradient(W: readonly number[][], b: readonly number[], X: readonly number[][], y: readonly number[]): SoftmaxGradient {
  throw new Error('not implemented: softmaxGradient(W, b, X, y)')
}

/** Full-batch gradient descent for k classes; history as in trainLogistic. */
export function trainSoftmax(X: readonly number[][], y: readonly number[], k: number, opts: SoftmaxTrainOptions): SoftmaxResult {
  throw new Error('not implemented: trainSoftmax(X, y, k, opts)')
}

/** The class with the largest zₖ = Wₖ·x + bₖ (the largest probability). */
export function predictClass(W: readonly number[][], b: readonly number[], x: readonly number[]): number {
  throw new Error('not implemented: predictClass(W, b, x)')
}

// ---- the Gaussian generative model ----

/** Maximum likelihood: μ = (1/|C|) Σ x and Σ = (1/|C|) Σ (x − μ)(x − μ)ᵀ. Throws for no rows. */
export function fitGaussian(X: readonly number[][]): Gaussian {
  throw new Error('not implemented: fitGaussian(X)')
}

/**
 * A Gaussian for each class with one shared covariance Σ = (|C₀|/n)·Σ₀ + (|C₁|/n)·Σ₁ and priors
 * P(Cᵢ) = |Cᵢ|/n. Throws unless both classes have rows and every label is 0 or 1.
 */
export function fitSharedCovariance(X: readonly number[][], y: readonly number[]): SharedCovarianceModel {
  throw new Error('not implemented: fitSharedCovariance(X, y)')
}

/**
 * P(C₁ | x) by Bayes' rule, a number in [0, 1]. Must stay right (and never NaN) far from both
 * means, where both densities are far below the smallest double. Throws for a singular covariance
 * or an x of the wrong length.
 */
export function posterior(model: SharedCovarianceModel, x: readonly number[]): number {
  throw new Error('not implemented: posterior(model, x)')
}
