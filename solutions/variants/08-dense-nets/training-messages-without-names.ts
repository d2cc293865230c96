/**
 * Refuses the same bad input as the answer key, but its messages never say which argument is
 * wrong ("must be in [0, 1), got 1", "holds NaN", "the state does not fit"): with params, grad,
 * momentum, decay, beta1, beta2 and a state of two vectors, the reader has to guess.
 * @replaces 08-dense-nets/training.ts
 * @mustFail training.messagesSayWhat
 */
import * as answer from '../../08-dense-nets/training.ts'

export * from '../../08-dense-nets/training.ts'

/** The answer key's function, with the argument's name cut from its messages. */
function anonymous<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return f(...args)
    } catch (error) {
      if (error instanceof Error) {
        const bare = error.message.replace(/^(params|grad|momentum|decay|beta1|beta2|rate)\b/, 'the value').replace(/the [a-z ]+ state/, 'the state')
        throw new (error.constructor as ErrorConstructor)(bare)
      }
      throw error
    }
  }
}

export const sgdStep = anonymous(answer.sgdStep)
export const momentumStep = anonymous(answer.momentumStep)
export const adagradStep = anonymous(answer.adagradStep)
export const rmspropStep = anonymous(answer.rmspropStep)
export const adamStep = anonymous(answer.adamStep)
export const dropout = anonymous(answer.dropout)
