/**
 * 'same' padding split the other way: the odd zero of an even kernel goes before (top, left) instead of after.
 * @replaces 09-convolution/conv.ts
 * @mustFail conv2d.sameEvenKernel
 */
import { type ConvOptions, type Image, type Kernel, conv2d as answer } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

/** Pads the image by hand (ceil(total/2) zeros before) and convolves it under 'valid'. */
export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  if (options.padding === 'valid') return answer(input, kernel, bias, options)
  const [sh, sw] = typeof options.stride === 'number' ? [options.stride, options.stride] : options.stride
  const H = input.length
  const W = input[0]!.length
  const C = input[0]![0]!.length
  const total = (n: number, k: number, s: number) => Math.max((Math.ceil(n / s) - 1) * s + k - n, 0)
  const th = total(H, kernel.length, sh)
  const tw = total(W, kernel[0]!.length, sw)
  const top = Math.ceil(th / 2)
  const left = Math.ceil(tw / 2)
  const padded: Image = Array.from({ length: H + th }, (_, y) =>
    Array.from({ length: W + tw }, (_, x) => (y - top >= 0 && y - top < H && x - left >= 0 && x - left < W ? input[y - top]![x - left]!.slice() : new Array<number>(C).fill(0))),
  )
  return answer(padded, kernel, bias, { stride: options.stride, padding: 'valid' })
}
