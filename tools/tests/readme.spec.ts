// The README's counts come from the manifests: the table of topics must be what `npm run readme` writes.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadManifest, maxPoints, topicsIn } from '../../grader/core/manifest.ts'
import { README, readmeWithTable, topicTable } from '../readme-counts.ts'

describe("the README's table of topics", () => {
  it('is the one generated from the manifests (run `npm run readme` after changing a manifest)', () => {
    const text = readFileSync(README, 'utf8')
    expect(readmeWithTable(text), 'README.md is stale: run npm run readme').toBe(text)
  })

  it('gives every topic its tests and points, hidden tests included', () => {
    const table = topicTable()
    for (const topic of topicsIn()) {
      const m = loadManifest(topic)
      expect(table).toContain(`[exercises/${topic}](exercises/${topic}/README.md) | ${Object.keys(m.tests).length} · ${maxPoints(m)} |`)
    }
    expect(() => readmeWithTable('no markers here')).toThrow(/markers/)
  })
})
