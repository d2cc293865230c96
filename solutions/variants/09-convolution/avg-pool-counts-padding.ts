/**
 * Average pooling that divides by the full window size under 'same', counting the padded cells as zeros.
 * @replaces 09-convolution/conv.ts
 * @mustFail avgPool2d.same
 */
import { type Image, type PoolOptions, conv2d } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function avgPool2d(input: Image, options: PoolOptions): Image {
  const [kh, kw] = typeof options.size === 'number' ? [options.size, options.size] : options.size
  const C = input[0]![0]!.length
  // A depthwise mean as a convolution with weights 1/(kh·kw) on each channel: padding counts as 0.
  const kernel = Array.from({ length: kh }, () => Array.from({ length: kw }, () => Array.from({ length: C }, (_, c) => Array.from({ length: C }, (_, f) => (c === f ? 1 / (kh * kw) : 0)))))
  return conv2d(input, kernel, new Array<number>(C).fill(0), { stride: options.stride, padding: options.padding })
}
