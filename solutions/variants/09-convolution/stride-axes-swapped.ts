/**
 * conv2d that reads the stride pair the other way round, [across, down] instead of [down, across].
 * Right whenever both strides are equal (a single number, as in most lectures); with [2, 1] the
 * windows move two columns and one row at a time.
 * @replaces 09-convolution/conv.ts
 * @mustFail conv2d.valid
 */
import type { ConvOptions, Image, Kernel } from '../../09-convolution/conv.ts'
import { convolve, strides } from './_direct-conv.ts'

export * from '../../09-convolution/conv.ts'

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  const [sh, sw] = strides(options)
  if (sh === sw || options.padding !== 'valid') return convolve(input, kernel, bias, options, () => ({ sh, sw, top: 0, left: 0 }))
  return convolve(input, kernel, bias, options, () => ({ sh: sw, sw: sh, top: 0, left: 0 }))
}
