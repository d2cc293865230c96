/**
 * Refuses the same bad input, but its messages never say which argument is wrong ("has length 1,
 * expected 2", "must be a finite number, got NaN"): with four arguments w, b, X, y the reader has to guess.
 * @replaces 06-classification/classification.ts
 * @mustFail classification.messagesSayWhat
 */
import * as answer from '../../06-classification/classification.ts'

export * from '../../06-classification/classification.ts'

/** The answer key's function, with the argument's name (and index) cut from the start of its messages. */
function anonymous<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return f(...args)
    } catch (error) {
      if (error instanceof Error) throw new (error.constructor as ErrorConstructor)(error.message.replace(/^[A-Za-z.]+(\[\d+\])*\s*/, 'the input '))
      throw error
    }
  }
}

export const predict = anonymous(answer.predict)
export const logisticGradient = anonymous(answer.logisticGradient)
export const trainLogistic = anonymous(answer.trainLogistic)
export const binaryCrossEntropy = anonymous(answer.binaryCrossEntropy)
export const categoricalCrossEntropy = anonymous(answer.categoricalCrossEntropy)
export const softmaxGradient = anonymous(answer.softmaxGradient)
export const predictClass = anonymous(answer.predictClass)
export const trainSoftmax = anonymous(answer.trainSoftmax)
export const fitSharedCovariance = anonymous(answer.fitSharedCovariance)
export const posterior = anonymous(answer.posterior)
