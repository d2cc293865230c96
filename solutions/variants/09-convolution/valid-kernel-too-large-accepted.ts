/**
 * conv2d and outputSize that accept a kernel larger than the input under 'valid' and return nothing.
 * @replaces 09-convolution/conv.ts
 * @mustFail conv2d.badInput
 */
import { type ConvOptions, type Image, type Kernel, type Padding, conv2d as answerConv, outputSize as answerSize } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function outputSize(n: number, k: number, stride: number, padding: Padding): number {
  return padding === 'valid' && k > n ? 0 : answerSize(n, k, stride, padding)
}

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  if (options.padding === 'valid' && (kernel.length > input.length || kernel[0]!.length > input[0]!.length)) return []
  return answerConv(input, kernel, bias, options)
}
