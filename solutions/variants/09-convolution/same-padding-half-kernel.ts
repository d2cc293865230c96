/**
 * 'same' padding of ⌊(k − 1)/2⌋ zeros before the first row and column whatever the stride.
 * That is TensorFlow's padding for stride 1; with a larger stride TensorFlow pads only what the
 * last window needs, half of it before (often none), so the windows sit one place off.
 * @replaces 09-convolution/conv.ts
 * @mustFail conv2d.same
 */
import type { ConvOptions, Image, Kernel } from '../../09-convolution/conv.ts'
import { convolve, strides } from './_direct-conv.ts'

export * from '../../09-convolution/conv.ts'

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  return convolve(input, kernel, bias, options, (_H, _W, kh, kw) => {
    const [sh, sw] = strides(options)
    const same = options.padding === 'same'
    return { sh, sw, top: same ? Math.floor((kh - 1) / 2) : 0, left: same ? Math.floor((kw - 1) / 2) : 0 }
  })
}
