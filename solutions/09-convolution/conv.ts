// Answer key for 09-convolution: convolution (捲積) and pooling, as Keras and TensorFlow do them.

/** An image or a stack of feature maps: height × width × channels (HWC). */
export type Image = number[][][]
/** Conv kernels in TensorFlow's layout: kh × kw × input channels × output channels (filters). */
export type Kernel = number[][][][]
/** 'valid': no padding, the window stays inside the image; 'same': zero-pad so that out = ⌈n/stride⌉. */
export type Padding = 'valid' | 'same'
/** One stride for both directions, or [vertical, horizontal]. */
export type Stride = number | [number, number]

export interface ConvOptions {
  stride: Stride
  padding: Padding
}
export interface PoolOptions {
  /** Window size, e.g. 2 for 2 × 2 (Keras's pool_size). */
  size: number | [number, number]
  stride: Stride
  padding: Padding
}

// ---- checks ----

function requirePositiveInteger(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`)
}

function pair(name: string, v: number | [number, number]): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : [NaN, NaN]
  requirePositiveInteger(`${name} (vertical)`, p[0])
  requirePositiveInteger(`${name} (horizontal)`, p[1])
  return p
}

function requirePadding(padding: Padding): void {
  if (padding !== 'valid' && padding !== 'same') throw new RangeError(`padding must be 'valid' or 'same', got ${String(padding)}`)
}

/** Checks an HWC image and returns its [height, width, channels]. */
function shapeOf(input: Image): [number, number, number] {
  if (!Array.isArray(input) || input.length === 0 || !Array.isArray(input[0]) || input[0].length === 0 || !Array.isArray(input[0][0]) || input[0][0].length === 0) {
    throw new RangeError('the input must be a non-empty height × width × channels array')
  }
  const H = input.length
  const W = input[0].length
  const C = input[0][0].length
  for (const row of input) {
    if (!Array.isArray(row) || row.length !== W) throw new RangeError(`the input is ragged: every row needs ${W} pixels`)
    for (const pixel of row) {
      if (!Array.isArray(pixel) || pixel.length !== C) throw new RangeError(`the input is ragged: every pixel needs ${C} channels`)
      for (const v of pixel) if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`the input holds ${v}, not a finite number`)
    }
  }
  return [H, W, C]
}

// ---- sizes and padding ----

/** Output length along one axis: ⌊(n − k)/s⌋ + 1 for 'valid', ⌈n/s⌉ for 'same'. */
export function outputSize(n: number, k: number, stride: number, padding: Padding): number {
  requirePositiveInteger('n', n)
  requirePositiveInteger('k', k)
  requirePositiveInteger('stride', stride)
  requirePadding(padding)
  if (padding === 'same') return Math.ceil(n / stride)
  if (k > n) throw new RangeError(`a kernel of ${k} does not fit in ${n} under 'valid' padding`)
  return Math.floor((n - k) / stride) + 1
}

/** Zeros added before the first row (or column): TensorFlow puts the odd one at the end. */
function padBefore(n: number, k: number, stride: number, padding: Padding): number {
  if (padding === 'valid') return 0
  const total = Math.max((outputSize(n, k, stride, padding) - 1) * stride + k - n, 0)
  return Math.floor(total / 2)
}

// ---- convolution ----

/**
 * out[i][j][f] = bias[f] + Σ_{u,v,c} in[i·sh + u − top][j·sw + v − left][c] · kernel[u][v][c][f]:
 * cross-correlation (the kernel is not flipped), with zeros outside the image.
 */
export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  const [H, W, C] = shapeOf(input)
  const [sh, sw] = pair('stride', options.stride)
  requirePadding(options.padding)
  if (!Array.isArray(kernel) || kernel.length === 0 || !Array.isArray(kernel[0]) || kernel[0].length === 0) throw new RangeError('the kernel must be a non-empty kh × kw × cin × cout array')
  const kh = kernel.length
  const kw = kernel[0].length
  const F = kernel[0][0]?.[0]?.length ?? 0
  if (F === 0) throw new RangeError('the kernel needs at least one filter (its last dimension)')
  for (const row of kernel) {
    if (!Array.isArray(row) || row.length !== kw) throw new RangeError(`the kernel is ragged: every row needs ${kw} entries`)
    for (const cell of row) {
      if (!Array.isArray(cell) || cell.length !== C) throw new RangeError(`the kernel has ${Array.isArray(cell) ? cell.length : 0} input channels but the image has ${C}`)
      for (const weights of cell) {
        if (!Array.isArray(weights) || weights.length !== F) throw new RangeError(`the kernel is ragged: every entry needs ${F} filters`)
        for (const w of weights) if (typeof w !== 'number' || !Number.isFinite(w)) throw new RangeError(`the kernel holds ${w}, not a finite number`)
      }
    }
  }
  if (!Array.isArray(bias) || bias.length !== F) throw new RangeError(`bias has ${Array.isArray(bias) ? bias.length : 'no'} entries; the kernel has ${F} filters`)
  for (const b of bias) if (typeof b !== 'number' || !Number.isFinite(b)) throw new RangeError(`bias holds ${b}, not a finite number`)

  const outH = outputSize(H, kh, sh, options.padding)
  const outW = outputSize(W, kw, sw, options.padding)
  const top = padBefore(H, kh, sh, options.padding)
  const left = padBefore(W, kw, sw, options.padding)
  const out: Image = []
  for (let i = 0; i < outH; i++) {
    const row: number[][] = []
    for (let j = 0; j < outW; j++) {
      const cell = bias.slice()
      for (let u = 0; u < kh; u++) {
        const y = i * sh + u - top
        if (y < 0 || y >= H) continue
        for (let v = 0; v < kw; v++) {
          const x = j * sw + v - left
          if (x < 0 || x >= W) continue
          const pixel = input[y]![x]!
          const k = kernel[u]![v]!
          for (let c = 0; c < C; c++) for (let f = 0; f < F; f++) cell[f]! += pixel[c]! * k[c]![f]!
        }
      }
      row.push(cell)
    }
    out.push(row)
  }
  return out
}

// ---- pooling ----

function pool(input: Image, options: PoolOptions, reduce: (values: number[]) => number): Image {
  const [H, W, C] = shapeOf(input)
  const [kh, kw] = pair('size', options.size)
  const [sh, sw] = pair('stride', options.stride)
  requirePadding(options.padding)
  const outH = outputSize(H, kh, sh, options.padding)
  const outW = outputSize(W, kw, sw, options.padding)
  const top = padBefore(H, kh, sh, options.padding)
  const left = padBefore(W, kw, sw, options.padding)
  return Array.from({ length: outH }, (_, i) =>
    Array.from({ length: outW }, (_, j) =>
      Array.from({ length: C }, (_, c) => {
        // Only cells inside the image take part: padding is never a value.
        const values: number[] = []
        for (let y = Math.max(0, i * sh - top); y < Math.min(H, i * sh - top + kh); y++) {
          for (let x = Math.max(0, j * sw - left); x < Math.min(W, j * sw - left + kw); x++) values.push(input[y]![x]![c]!)
        }
        return reduce(values)
      }),
    ),
  )
}

/** The largest value in each window, channel by channel. */
export function maxPool2d(input: Image, options: PoolOptions): Image {
  return pool(input, options, (values) => Math.max(...values))
}

/** The mean of each window, channel by channel; with 'same' padding, of the cells inside the image only. */
export function avgPool2d(input: Image, options: PoolOptions): Image {
  return pool(input, options, (values) => values.reduce((s, v) => s + v, 0) / values.length)
}

/** Row by row, pixel by pixel, channel by channel: what tf.layers.flatten does to an HWC image. */
export function flatten(input: Image): number[] {
  shapeOf(input)
  return input.flatMap((row) => row.flatMap((pixel) => pixel.slice()))
}
