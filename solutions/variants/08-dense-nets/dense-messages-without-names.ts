/**
 * Refuses the same bad input as the answer key, but its messages never say which argument (or
 * which layer) is wrong: "is ragged", "has 3 rows", "unknown activation" with no x, W, b, y or layer.
 * @replaces 08-dense-nets/dense.ts
 * @mustFail dense.messagesSayWhat
 */
import * as answer from '../../08-dense-nets/dense.ts'

export * from '../../08-dense-nets/dense.ts'

/** The answer key's function, with every name of an argument or a layer cut from its messages. */
function anonymous<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return f(...args)
    } catch (error) {
      if (error instanceof Error) {
        const bare = error.message.replace(/layer \d+('s [Wb])?/g, 'a layer').replace(/\b[xWby]\b/g, 'the input').replace(/"[^"]*"/g, 'a name')
        throw new (error.constructor as ErrorConstructor)(bare)
      }
      throw error
    }
  }
}

export const denseForward = anonymous(answer.denseForward)
export const mlpForward = anonymous(answer.mlpForward)
export const mlpBackward = anonymous(answer.mlpBackward)
export const trainMLP = anonymous(answer.trainMLP)
