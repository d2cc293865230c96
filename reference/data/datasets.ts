// The course's data sets, read from the shipped CSV files through a CSV parser.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { datasetSpec } from './generators.ts'

export const DATA_DIR = path.dirname(fileURLToPath(import.meta.url))

export interface Dataset {
  name: string
  columns: string[]
  rows: number[][]
}

export const csvPath = (name: string) => path.join(DATA_DIR, `${name}.csv`)

export function toCsv(columns: string[], rows: number[][]): string {
  return stringify(rows, { header: true, columns, record_delimiter: '\n' })
}

export function parseCsv(text: string, name = 'data'): Dataset {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]
  const columns = Object.keys(records[0] ?? {})
  const rows = records.map((record, i) =>
    columns.map((column) => {
      const value = Number(record[column])
      if (!Number.isFinite(value)) throw new TypeError(`${name}.csv, row ${i + 2}, column "${column}": "${record[column]}" is not a number`)
      return value
    }),
  )
  return { name, columns, rows }
}

const cache = new Map<string, Dataset>()

/** A data set as shipped: header names and numeric rows. */
export function loadDataset(name: string): Dataset {
  datasetSpec(name)
  let data = cache.get(name)
  if (!data) {
    data = parseCsv(readFileSync(csvPath(name), 'utf8'), name)
    cache.set(name, data)
  }
  return data
}

/** Feature rows and a target column, e.g. `xy(loadDataset('feature_extraction1'), 'class')`. */
export function split(data: Dataset, target: string): { X: number[][]; y: number[] } {
  const t = data.columns.indexOf(target)
  if (t < 0) throw new RangeError(`${data.name} has no column "${target}"`)
  return { X: data.rows.map((r) => r.filter((_, i) => i !== t)), y: data.rows.map((r) => r[t]!) }
}
