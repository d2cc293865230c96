import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DATASETS, generateRows } from './generators.ts'
import { csvPath, loadDataset, toCsv } from './datasets.ts'

describe('shipped data sets', () => {
  for (const spec of DATASETS) {
    it(`${spec.name}.csv is exactly what seed ${spec.seed} generates`, () => {
      expect(readFileSync(csvPath(spec.name), 'utf8')).toBe(toCsv(spec.columns, generateRows(spec.name)))
    })
    it(`${spec.name}.csv reads back to the generated numbers`, () => {
      expect(loadDataset(spec.name).rows).toEqual(generateRows(spec.name))
    })
  }
})
