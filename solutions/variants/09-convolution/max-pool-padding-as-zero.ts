/**
 * Max pooling that treats 'same' padding as zeros, so a window of negative numbers at the border gives 0.
 * @replaces 09-convolution/conv.ts
 * @mustFail maxPool2d.matchesTf
 */
import { type Image, type PoolOptions, maxPool2d as answer } from '../../09-convolution/conv.ts'

export * from '../../09-convolution/conv.ts'

export function maxPool2d(input: Image, options: PoolOptions): Image {
  if (options.padding === 'valid') return answer(input, options)
  const [kh, kw] = typeof options.size === 'number' ? [options.size, options.size] : options.size
  const [sh, sw] = typeof options.stride === 'number' ? [options.stride, options.stride] : options.stride
  const H = input.length
  const W = input[0]!.length
  const C = input[0]![0]!.length
  const total = (n: number, k: number, s: number) => Math.max((Math.ceil(n / s) - 1) * s + k - n, 0)
  const th = total(H, kh, sh)
  const tw = total(W, kw, sw)
  const top = Math.floor(th / 2)
  const left = Math.floor(tw / 2)
  const padded: Image = Array.from({ length: H + th }, (_, y) =>
    Array.from({ length: W + tw }, (_, x) => (y - top >= 0 && y - top < H && x - left >= 0 && x - left < W ? input[y - top]![x - left]!.slice() : new Array<number>(C).fill(0))),
  )
  return answer(padded, { size: options.size, stride: options.stride, padding: 'valid' })
}
