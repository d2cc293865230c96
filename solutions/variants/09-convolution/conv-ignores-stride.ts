/**
 * conv2d that computes the right number of outputs but moves the window by one cell instead of by the stride.
 * @replaces 09-convolution/conv.ts
 * @mustFail conv2d.valid
 */
import { type ConvOptions, type Image, type Kernel, conv2d as answer, outputSize } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  const [sh, sw] = typeof options.stride === 'number' ? [options.stride, options.stride] : options.stride
  const full = answer(input, kernel, bias, { stride: 1, padding: options.padding })
  const outH = outputSize(input.length, kernel.length, sh, options.padding)
  const outW = outputSize(input[0]!.length, kernel[0]!.length, sw, options.padding)
  return full.slice(0, outH).map((row) => row.slice(0, outW))
}
