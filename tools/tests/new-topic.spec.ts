// The scaffold writes a topic whose parts agree with each other (ids, anchors, file names) and
// refuses to overwrite anything. That `npm run verify -- NN` passes on what it writes was checked
// by running it (docs/authoring.md); here, what can be checked without running the suite.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { validateManifest } from '../../grader/core/manifest.ts'
import { githubSlug } from '../../grader/report/lessons.ts'
import { createTopic, topicFiles } from '../new-topic.ts'

const spec = { topic: '10-recurrent-nets', title: 'Recurrent nets', zhTitle: '遞迴神經網路' }
let root: string | undefined
afterEach(() => root && rmSync(root, { recursive: true, force: true }))
const tempRoot = () => (root = mkdtempSync(path.join(os.tmpdir(), 'new-topic-')))

describe('npm run new-topic', () => {
  it('writes the lesson, stub, tests, manifest, answer key, oracle, a variant and an alternative', () => {
    const dir = tempRoot()
    const written = createTopic(spec, dir, [])
    expect(written.sort()).toEqual([
      'exercises/10-recurrent-nets/README.md',
      'exercises/10-recurrent-nets/manifest.json',
      'exercises/10-recurrent-nets/recurrent-nets.test.ts',
      'exercises/10-recurrent-nets/recurrent-nets.ts',
      'reference/oracles/recurrent-nets.ts',
      'solutions/10-recurrent-nets/recurrent-nets.ts',
      'solutions/alternatives/10-recurrent-nets/loop.ts',
      'solutions/variants/10-recurrent-nets/forgets-absolute-value.ts',
    ])
    for (const file of written) expect(existsSync(path.join(dir, file))).toBe(true)
  })

  it('its parts agree: test ids are the manifest’s, anchors are headings, the variant names a test', () => {
    const files = topicFiles(spec)
    const manifest = JSON.parse(files['exercises/10-recurrent-nets/manifest.json']!) as { tests: Record<string, { lesson?: string }> }
    expect(validateManifest(manifest, spec.topic)).toEqual([])
    const registered = [...files['exercises/10-recurrent-nets/recurrent-nets.test.ts']!.matchAll(/graded\('([^']+)'/g)].map((m) => m[1])
    expect(registered.sort()).toEqual(Object.keys(manifest.tests).sort())
    const headings = [...files['exercises/10-recurrent-nets/README.md']!.matchAll(/^#{2,3} (.+)$/gm)].map((m) => githubSlug(m[1]!))
    for (const test of Object.values(manifest.tests)) expect(headings).toContain(test.lesson)
    const mustFail = /@mustFail (.+)/.exec(files['solutions/variants/10-recurrent-nets/forgets-absolute-value.ts']!)![1]!.trim()
    expect(Object.keys(manifest.tests)).toContain(mustFail)
    expect(files['exercises/10-recurrent-nets/recurrent-nets.ts']).toMatch(/throw new Error\('not implemented: /)
    expect(files['solutions/10-recurrent-nets/recurrent-nets.ts']).not.toMatch(/not implemented/)
  })

  it('refuses a malformed name, a number in use, and existing files, writing nothing', () => {
    const dir = tempRoot()
    expect(() => createTopic({ ...spec, topic: '10_Recurrent' }, dir, [])).toThrow(/not a topic folder name/)
    expect(() => createTopic(spec, dir, ['10-something-else'])).toThrow(/number 10 is taken by 10-something-else/)
    mkdirSync(path.join(dir, 'reference', 'oracles'), { recursive: true })
    writeFileSync(path.join(dir, 'reference', 'oracles', 'recurrent-nets.ts'), 'kept')
    expect(() => createTopic(spec, dir, [])).toThrow(/exist already, nothing was written: reference\/oracles\/recurrent-nets.ts/)
    expect(readdirSync(dir).sort()).toEqual(['reference'])
    expect(readFileSync(path.join(dir, 'reference', 'oracles', 'recurrent-nets.ts'), 'utf8')).toBe('kept')
  })
})
