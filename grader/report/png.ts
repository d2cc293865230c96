// Small heatmaps such as feature maps as PNG (8-bit RGB, pngjs): a 26×26 map is a few hundred bytes,
// where one SVG rectangle per pixel would be tens of kilobytes.
import { PNG } from 'pngjs'

export type Rgb = [number, number, number]

/** Encodes `height` rows of `width` RGB pixels (`pixel(x, y)`, y = 0 is the top row) as a PNG. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= 4_000_000)) {
    throw new RangeError(`encodePng: bad size ${width}×${height}`)
  }
  const image = new PNG({ width, height })
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y)
      const at = 4 * (y * width + x)
      image.data[at] = clampByte(r)
      image.data[at + 1] = clampByte(g)
      image.data[at + 2] = clampByte(b)
      image.data[at + 3] = 255
    }
  }
  return PNG.sync.write(image, { colorType: 2, deflateLevel: 9 })
}

const clampByte = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.min(255, Math.round(v))) : 0)

export const pngDataUri = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`
