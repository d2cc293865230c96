// The reviewed list of equivalent mutants must name exactly the survivors it was written for.
import { describe, expect, it } from 'vitest'
import { type Survivor, sameMutant } from '../mutation/summary.ts'

const FILE = 'solutions/06-classification/classification.ts'

function survivor(line: number, code: string): Survivor {
  return { file: FILE, line, column: 27, mutator: 'StringLiteral', status: 'Survived', original: "'X'", replacement: '""', code }
}

describe('sameMutant', () => {
  const repeated = "const d = requireMatrix('X', X)" // in fitGaussian, trainLogistic and trainSoftmax
  const unique = 'return { mean, cov }'

  it('follows a line that moved when its code occurs once in the file', () => {
    const reviewed = { ...survivor(10, unique), line: 10 }
    expect(sameMutant(reviewed, survivor(14, unique))).toBe(true)
  })

  it('needs the same line when its code occurs more than once', () => {
    const reviewed = { ...survivor(283, repeated), line: 283 }
    expect(sameMutant(reviewed, survivor(283, repeated))).toBe(true)
    expect(sameMutant(reviewed, survivor(200, repeated))).toBe(false)
  })

  it('goes stale when the line itself changes', () => {
    const reviewed = { ...survivor(283, repeated), line: 283 }
    expect(sameMutant(reviewed, { ...survivor(283, repeated), code: "const d = requireMatrix('data', X)" })).toBe(false)
    expect(sameMutant(reviewed, { ...survivor(283, repeated), replacement: '"Stryker was here!"' })).toBe(false)
  })
})
