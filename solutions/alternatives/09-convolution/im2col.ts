/**
 * im2col: zero-pad the image explicitly, unroll every window into a row of a patch matrix (positions × kh·kw·C), and multiply by the kernel reshaped to (kh·kw·C) × filters; pooling over the padded image with holes marked null; outputSize as ⌈(n − k + 1)/s⌉ and ⌊(n + s − 1)/s⌋.
 * @replaces 09-convolution/conv.ts
 */
export type Image = number[][][]
export type Kernel = number[][][][]
export type Padding = 'valid' | 'same'
export type Stride = number | [number, number]
export interface ConvOptions {
  stride: Stride
  padding: Padding
}
export interface PoolOptions {
  size: number | [number, number]
  stride: Stride
  padding: Padding
}

function positive(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new RangeError(`${name} = ${String(v)} is not a positive whole number`)
  return v
}

function both(name: string, v: number | [number, number]): [number, number] {
  if (Array.isArray(v)) {
    if (v.length !== 2) throw new RangeError(`${name} must be a number or a pair [vertical, horizontal]`)
    return [positive(`${name}[0]`, v[0]), positive(`${name}[1]`, v[1])]
  }
  return [positive(name, v), positive(name, v)]
}

function checkPadding(padding: unknown): Padding {
  if (padding === 'valid' || padding === 'same') return padding
  throw new RangeError(`padding ${String(padding)} is neither 'valid' nor 'same'`)
}

/** [H, W, C] of a rectangular, finite image. */
function shape(input: Image): [number, number, number] {
  const H = Array.isArray(input) ? input.length : 0
  const W = H > 0 && Array.isArray(input[0]) ? input[0].length : 0
  const C = W > 0 && Array.isArray(input[0]![0]) ? input[0]![0].length : 0
  if (H * W * C === 0) throw new RangeError('the input image must be a non-empty H × W × C array')
  input.forEach((row, y) => {
    if (!Array.isArray(row) || row.length !== W) throw new RangeError(`image row ${y} has ${Array.isArray(row) ? row.length : 0} pixels, row 0 has ${W}`)
    row.forEach((pixel, x) => {
      if (!Array.isArray(pixel) || pixel.length !== C) throw new RangeError(`pixel (${y}, ${x}) has ${Array.isArray(pixel) ? pixel.length : 0} channels, expected ${C}`)
      pixel.forEach((v) => {
        if (!Number.isFinite(v)) throw new RangeError(`pixel (${y}, ${x}) holds ${v}`)
      })
    })
  })
  return [H, W, C]
}

export function outputSize(n: number, k: number, stride: number, padding: Padding): number {
  positive('n', n)
  positive('k', k)
  positive('stride', stride)
  if (checkPadding(padding) === 'same') return Math.floor((n + stride - 1) / stride)
  if (k > n) throw new RangeError(`with 'valid' padding a window of ${k} cannot fit in ${n}`)
  return Math.ceil((n - k + 1) / stride)
}

/** Zeros [before, after] along one axis; the odd one goes after, as in TensorFlow. */
function padding(n: number, k: number, s: number, p: Padding): [number, number] {
  if (p === 'valid') return [0, 0]
  const need = Math.max(0, (outputSize(n, k, s, p) - 1) * s + k - n)
  const before = (need - (need % 2)) / 2
  return [before, need - before]
}

/** The image with `fill` around it: [top, bottom] rows and [left, right] columns. */
function padded<T>(input: Image, [top, bottom]: [number, number], [left, right]: [number, number], fill: (C: number) => T): (number[] | T)[][] {
  const C = input[0]![0]!.length
  const W = input[0]!.length + left + right
  const blankRow = () => Array.from({ length: W }, () => fill(C))
  return [
    ...Array.from({ length: top }, blankRow),
    ...input.map((row) => [...Array.from({ length: left }, () => fill(C)), ...row, ...Array.from({ length: right }, () => fill(C))]),
    ...Array.from({ length: bottom }, blankRow),
  ]
}

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  const [H, W, C] = shape(input)
  const [sh, sw] = both('stride', options.stride)
  const mode = checkPadding(options.padding)
  if (!Array.isArray(kernel) || kernel.length === 0 || !Array.isArray(kernel[0]) || kernel[0].length === 0) throw new RangeError('the kernel must be a non-empty kh × kw × C × F array')
  const kh = kernel.length
  const kw = kernel[0].length
  const first = kernel[0][0]
  const F = Array.isArray(first) && Array.isArray(first[0]) ? first[0].length : 0
  if (F === 0) throw new RangeError('the kernel has no filters')
  // The kernel as a (kh·kw·C) × F matrix, rows in the order u, v, c.
  const K: number[][] = []
  for (let u = 0; u < kh; u++) {
    if (!Array.isArray(kernel[u]) || kernel[u]!.length !== kw) throw new RangeError(`kernel row ${u} does not have ${kw} columns`)
    for (let v = 0; v < kw; v++) {
      const cell = kernel[u]![v]
      if (!Array.isArray(cell) || cell.length !== C) throw new RangeError(`the kernel expects ${Array.isArray(cell) ? cell.length : 0} input channels at (${u}, ${v}); the image has ${C}`)
      for (const w of cell) {
        if (!Array.isArray(w) || w.length !== F || !w.every(Number.isFinite)) throw new RangeError(`kernel (${u}, ${v}) needs ${F} finite weights per channel`)
        K.push(w)
      }
    }
  }
  if (!Array.isArray(bias) || bias.length !== F || !bias.every(Number.isFinite)) throw new RangeError(`bias must hold ${F} finite numbers, one per filter`)
  const outH = outputSize(H, kh, sh, mode)
  const outW = outputSize(W, kw, sw, mode)
  const P = padded(input, padding(H, kh, sh, mode), padding(W, kw, sw, mode), (c) => new Array<number>(c).fill(0)) as number[][][]
  // im2col: one row per output position.
  const patches: number[][] = []
  for (let i = 0; i < outH; i++) {
    for (let j = 0; j < outW; j++) {
      const row: number[] = []
      for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) row.push(...P[i * sh + u]![j * sw + v]!)
      patches.push(row)
    }
  }
  const products = patches.map((row) => bias.map((b, f) => row.reduce((s, x, r) => s + x * K[r]![f]!, b)))
  return Array.from({ length: outH }, (_, i) => products.slice(i * outW, (i + 1) * outW))
}

function pool(input: Image, options: PoolOptions, combine: (values: number[]) => number): Image {
  const [H, W, C] = shape(input)
  const [kh, kw] = both('size', options.size)
  const [sh, sw] = both('stride', options.stride)
  const mode = checkPadding(options.padding)
  const outH = outputSize(H, kh, sh, mode)
  const outW = outputSize(W, kw, sw, mode)
  const P = padded(input, padding(H, kh, sh, mode), padding(W, kw, sw, mode), () => null)
  const out: Image = []
  for (let i = 0; i < outH; i++) {
    const row: number[][] = []
    for (let j = 0; j < outW; j++) {
      const cells: number[][] = []
      for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) {
        const cell = P[i * sh + u]![j * sw + v]
        if (cell !== null && cell !== undefined) cells.push(cell)
      }
      row.push(Array.from({ length: C }, (_, c) => combine(cells.map((cell) => cell[c]!))))
    }
    out.push(row)
  }
  return out
}

export function maxPool2d(input: Image, options: PoolOptions): Image {
  return pool(input, options, (values) => values.reduce((m, v) => (v > m ? v : m), -Infinity))
}

export function avgPool2d(input: Image, options: PoolOptions): Image {
  return pool(input, options, (values) => values.reduce((s, v) => s + v, 0) / values.length)
}

export function flatten(input: Image): number[] {
  shape(input)
  const out: number[] = []
  for (const row of input) for (const pixel of row) out.push(...pixel)
  return out
}
