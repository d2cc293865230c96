/**
 * Direct convolution on flat Float64Array buffers (HWC index arithmetic), filter by filter, with the window clipped to the image instead of padding it; outputSize by counting the window positions; pooling with a running max or sum and count; flatten by copying the buffer.
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

/** An image as one flat buffer: value (y, x, c) at (y·W + x)·C + c. */
interface Flat {
  H: number
  W: number
  C: number
  data: Float64Array
}

function isWhole(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1
}

function twoWhole(name: string, v: number | [number, number]): [number, number] {
  const p = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? v : []
  if (!isWhole(p[0]) || !isWhole(p[1])) throw new RangeError(`${name} must be a whole number ≥ 1 or two of them, got ${JSON.stringify(v)}`)
  return [p[0], p[1]]
}

function mode(padding: Padding): Padding {
  if (padding !== 'valid' && padding !== 'same') throw new RangeError(`unknown padding ${JSON.stringify(padding)}`)
  return padding
}

function toFlat(input: Image): Flat {
  if (!Array.isArray(input) || !Array.isArray(input[0]) || !Array.isArray(input[0][0])) throw new RangeError('the input must be an H × W × C array')
  const H = input.length
  const W = input[0].length
  const C = input[0][0].length
  if (W === 0 || C === 0) throw new RangeError('the input has no pixels or no channels')
  const data = new Float64Array(H * W * C)
  for (let y = 0; y < H; y++) {
    const row = input[y]
    if (!Array.isArray(row) || row.length !== W) throw new RangeError(`the input is ragged at row ${y}`)
    for (let x = 0; x < W; x++) {
      const pixel = row[x]
      if (!Array.isArray(pixel) || pixel.length !== C) throw new RangeError(`the input is ragged at pixel (${y}, ${x})`)
      for (let c = 0; c < C; c++) {
        if (!Number.isFinite(pixel[c])) throw new RangeError(`the input holds ${pixel[c]} at (${y}, ${x}, ${c})`)
        data[(y * W + x) * C + c] = pixel[c]!
      }
    }
  }
  return { H, W, C, data }
}

function fromFlat({ H, W, C, data }: Flat): Image {
  const out: Image = []
  for (let y = 0; y < H; y++) {
    const row: number[][] = []
    for (let x = 0; x < W; x++) row.push(Array.from(data.subarray((y * W + x) * C, (y * W + x + 1) * C)))
    out.push(row)
  }
  return out
}

/** How many window positions: 'valid' counts starts s·i with s·i + k ≤ n; 'same' counts starts s·i < n. */
export function outputSize(n: number, k: number, stride: number, padding: Padding): number {
  if (!isWhole(n) || !isWhole(k) || !isWhole(stride)) throw new RangeError(`n, k and stride must be whole numbers ≥ 1, got ${n}, ${k}, ${stride}`)
  const p = mode(padding)
  if (p === 'valid' && k > n) throw new RangeError(`a window of ${k} is larger than the input (${n}) under 'valid' padding`)
  let count = 0
  for (let start = 0; p === 'valid' ? start + k <= n : start < n; start += stride) count++
  return count
}

/** Where the first window starts, relative to the image (≤ 0): minus the zeros TensorFlow puts before. */
function firstStart(n: number, k: number, s: number, p: Padding): number {
  if (p === 'valid') return 0
  const total = (outputSize(n, k, s, p) - 1) * s + k - n
  return total > 0 ? -Math.floor(total / 2) : 0
}

export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  const img = toFlat(input)
  const [sh, sw] = twoWhole('stride', options.stride)
  const p = mode(options.padding)
  const kh = Array.isArray(kernel) ? kernel.length : 0
  const kw = kh > 0 && Array.isArray(kernel[0]) ? kernel[0].length : 0
  const F = kw > 0 && Array.isArray(kernel[0]![0]) && Array.isArray(kernel[0]![0][0]) ? kernel[0]![0][0].length : 0
  if (kh === 0 || kw === 0 || F === 0) throw new RangeError('the kernel must be a non-empty kh × kw × C × F array')
  // Kernel buffer: weight (u, v, c, f) at ((u·kw + v)·C + c)·F + f.
  const K = new Float64Array(kh * kw * img.C * F)
  for (let u = 0; u < kh; u++) {
    if (!Array.isArray(kernel[u]) || kernel[u]!.length !== kw) throw new RangeError(`the kernel is ragged at row ${u}`)
    for (let v = 0; v < kw; v++) {
      const cell = kernel[u]![v]
      if (!Array.isArray(cell) || cell.length !== img.C) throw new RangeError(`the kernel has ${Array.isArray(cell) ? cell.length : 0} input channels at (${u}, ${v}), the input has ${img.C}`)
      for (let c = 0; c < img.C; c++) {
        const w = cell[c]
        if (!Array.isArray(w) || w.length !== F) throw new RangeError(`the kernel is ragged at (${u}, ${v}, ${c})`)
        for (let f = 0; f < F; f++) {
          if (!Number.isFinite(w[f])) throw new RangeError(`the kernel holds ${w[f]} at (${u}, ${v}, ${c}, ${f})`)
          K[((u * kw + v) * img.C + c) * F + f] = w[f]!
        }
      }
    }
  }
  if (!Array.isArray(bias) || bias.length !== F) throw new RangeError(`bias needs ${F} entries (one per filter), got ${Array.isArray(bias) ? bias.length : 'none'}`)
  bias.forEach((b, f) => {
    if (!Number.isFinite(b)) throw new RangeError(`bias[${f}] = ${b} is not finite`)
  })
  const outH = outputSize(img.H, kh, sh, p)
  const outW = outputSize(img.W, kw, sw, p)
  const y0 = firstStart(img.H, kh, sh, p)
  const x0 = firstStart(img.W, kw, sw, p)
  const out: Flat = { H: outH, W: outW, C: F, data: new Float64Array(outH * outW * F) }
  for (let f = 0; f < F; f++) {
    for (let i = 0; i < outH; i++) {
      const top = y0 + i * sh
      // Only the kernel rows that land inside the image.
      const uFrom = Math.max(0, -top)
      const uTo = Math.min(kh, img.H - top)
      for (let j = 0; j < outW; j++) {
        const left = x0 + j * sw
        const vFrom = Math.max(0, -left)
        const vTo = Math.min(kw, img.W - left)
        let s = bias[f]!
        for (let u = uFrom; u < uTo; u++) {
          for (let v = vFrom; v < vTo; v++) {
            const at = ((top + u) * img.W + left + v) * img.C
            const kat = (u * kw + v) * img.C
            for (let c = 0; c < img.C; c++) s += img.data[at + c]! * K[(kat + c) * F + f]!
          }
        }
        out.data[(i * outW + j) * F + f] = s
      }
    }
  }
  return fromFlat(out)
}

function pool(input: Image, options: PoolOptions, average: boolean): Image {
  const img = toFlat(input)
  const [kh, kw] = twoWhole('size', options.size)
  const [sh, sw] = twoWhole('stride', options.stride)
  const p = mode(options.padding)
  const outH = outputSize(img.H, kh, sh, p)
  const outW = outputSize(img.W, kw, sw, p)
  const y0 = firstStart(img.H, kh, sh, p)
  const x0 = firstStart(img.W, kw, sw, p)
  const out: Flat = { H: outH, W: outW, C: img.C, data: new Float64Array(outH * outW * img.C) }
  for (let i = 0; i < outH; i++) {
    for (let j = 0; j < outW; j++) {
      for (let c = 0; c < img.C; c++) {
        let best = -Infinity
        let sum = 0
        let count = 0
        for (let y = Math.max(0, y0 + i * sh); y < Math.min(img.H, y0 + i * sh + kh); y++) {
          for (let x = Math.max(0, x0 + j * sw); x < Math.min(img.W, x0 + j * sw + kw); x++) {
            const value = img.data[(y * img.W + x) * img.C + c]!
            if (value > best) best = value
            sum += value
            count++
          }
        }
        out.data[(i * outW + j) * img.C + c] = average ? sum / count : best
      }
    }
  }
  return fromFlat(out)
}

export function maxPool2d(input: Image, options: PoolOptions): Image {
  return pool(input, options, false)
}

export function avgPool2d(input: Image, options: PoolOptions): Image {
  return pool(input, options, true)
}

export function flatten(input: Image): number[] {
  return Array.from(toFlat(input).data)
}
