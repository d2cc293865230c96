/**
 * flatten in channels-first order (all of channel 0, then channel 1, …), unlike tf.layers.flatten on HWC images.
 * @replaces 09-convolution/conv.ts
 * @mustFail flatten.matchesTf
 */
import type { Image } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function flatten(input: Image): number[] {
  const C = input[0]![0]!.length
  return Array.from({ length: C }, (_, c) => input.flatMap((row) => row.map((pixel) => pixel[c]!))).flat()
}
