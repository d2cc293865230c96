/**
 * outputSize for 'same' from the 'valid' formula with ⌊(k − 1)/2⌋ zeros on each side:
 * ⌊(n + 2⌊(k − 1)/2⌋ − k)/s⌋ + 1. For stride 1 and an odd kernel that is n, as it should be;
 * with a larger stride, or an even kernel, it is not ⌈n/s⌉.
 * @replaces 09-convolution/conv.ts
 * @mustFail outputSize.matchesTf
 */
import { type Padding, outputSize as answer } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function outputSize(n: number, k: number, stride: number, padding: Padding): number {
  const checked = answer(n, k, stride, padding)
  if (padding !== 'same') return checked
  return Math.floor((n + 2 * Math.floor((k - 1) / 2) - k) / stride) + 1
}
