/**
 * outputSize that ignores the stride: n − k + 1 for 'valid' and n for 'same'.
 * @replaces 09-convolution/conv.ts
 * @mustFail outputSize.lecture outputSize.matchesTf
 */
import type { Padding } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function outputSize(n: number, k: number, _stride: number, padding: Padding): number {
  if (padding === 'same') return n
  if (k > n) throw new RangeError(`a kernel of ${k} does not fit in ${n}`)
  return n - k + 1
}
