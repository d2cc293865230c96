/**
 * conv2d takes the channel count from the first pixel and reads only that many from every pixel: a ragged image whose pixels have different channel counts is silently accepted.
 * @replaces 09-convolution/conv.ts
 * @mustFail conv2d.badInputChecked
 */
import { type ConvOptions, type Image, type Kernel, conv2d as answer } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  const C = input?.[0]?.[0]?.length ?? 0
  const trimmed = Array.isArray(input) ? input.map((row) => (Array.isArray(row) ? row.map((pixel) => (Array.isArray(pixel) ? pixel.slice(0, C) : pixel)) : row)) : input
  return answer(trimmed, kernel, bias, options)
}
