import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { thrownByOracle } from '../harness/graded.ts'
import { COURSE_ROOT } from '../core/paths.ts'

const fakeError = (...files: string[]) => {
  const error = new Error('boom')
  error.stack = ['Error: boom', ...files.map((f, i) => `    at fn${i} (${f}:10:5)`)].join('\n')
  return error
}

describe('who is blamed for an exception', () => {
  it("an exception raised in an oracle is the course's", () => {
    expect(thrownByOracle(fakeError(path.join(COURSE_ROOT, 'reference/oracles/conv.ts'), path.join(COURSE_ROOT, 'exercises/09-convolution/conv.test.ts')))).toBe(true)
  })
  it("frames inside node_modules (TensorFlow) are skipped to find whose call it was", () => {
    expect(thrownByOracle(fakeError(path.join(COURSE_ROOT, 'node_modules/@tensorflow/tfjs-core/dist/x.js'), `file://${path.join(COURSE_ROOT, 'reference/oracles/dense.ts')}`))).toBe(true)
    expect(thrownByOracle(fakeError(path.join(COURSE_ROOT, 'node_modules/@tensorflow/tfjs-core/dist/x.js'), '/tmp/workspace/08-dense-nets/dense.ts'))).toBe(false)
  })
  it("an exception raised in exercise code is the student's", () => {
    expect(thrownByOracle(fakeError('/tmp/workspace/01-limits/limits.ts', path.join(COURSE_ROOT, 'reference/oracles/limits.ts')))).toBe(false)
    expect(thrownByOracle('not an error')).toBe(false)
  })
})
