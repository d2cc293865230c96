// Shared by variants (a file whose name starts with _ is a helper, not a catalogue entry): the
// answer key's direct convolution, with the strides and the zeros added before the first row and
// column passed in.
import { type ConvOptions, type Image, type Kernel, conv2d as answer } from '../../09-convolution/conv.ts'

export function convolve(input: Image, kernel: Kernel, bias: number[], options: ConvOptions, layout: (H: number, W: number, kh: number, kw: number) => { sh: number; sw: number; top: number; left: number }): Image {
  const shape = answer(input, kernel, bias, options) // the answer key's checks and output shape
  const [H, W, C] = [input.length, input[0]!.length, input[0]![0]!.length]
  const [kh, kw, F] = [kernel.length, kernel[0]!.length, bias.length]
  const { sh, sw, top, left } = layout(H, W, kh, kw)
  return shape.map((row, i) =>
    row.map((_, j) => {
      const cell = bias.slice()
      for (let u = 0; u < kh; u++) {
        const y = i * sh + u - top
        if (y < 0 || y >= H) continue
        for (let v = 0; v < kw; v++) {
          const x = j * sw + v - left
          if (x < 0 || x >= W) continue
          for (let c = 0; c < C; c++) for (let f = 0; f < F; f++) cell[f]! += input[y]![x]![c]! * kernel[u]![v]![c]![f]!
        }
      }
      return cell
    }),
  )
}

export const strides = (options: ConvOptions): [number, number] => (typeof options.stride === 'number' ? [options.stride, options.stride] : options.stride)
