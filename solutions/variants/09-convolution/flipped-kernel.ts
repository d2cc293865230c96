/**
 * Convolution in the textbook sense: the kernel flipped in both directions before sliding (Keras does not flip).
 * @replaces 09-convolution/conv.ts
 * @mustFail conv2d.crossCorrelation conv2d.valid conv2d.featureMaps
 */
import { type ConvOptions, type Image, type Kernel, conv2d as answer } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  const flipped = kernel.slice().reverse().map((row) => row.slice().reverse())
  return answer(input, flipped, bias, options)
}
