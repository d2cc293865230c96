// `@tensorflow/tfjs` in exercise code is the course's tf module, through one map (grader/core/package-map.ts)
// that the import guard, the grader's type check and tsconfig.json all follow.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { STUDENT_PACKAGES, studentPackageFile } from '../core/package-map.ts'
import { COURSE_ROOT } from '../core/paths.ts'
import * as tf from '../../reference/public/tf.ts'

describe('the packages exercise code may import', () => {
  it("tsconfig.json's paths map each of them to the same course file as the map", () => {
    const tsconfig = JSON.parse(readFileSync(path.join(COURSE_ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }
    for (const [name, file] of Object.entries(STUDENT_PACKAGES)) expect(tsconfig.compilerOptions.paths[name], name).toEqual([file])
    expect(studentPackageFile('@tensorflow/tfjs')).toBe(path.join(COURSE_ROOT, 'reference', 'public', 'tf.ts'))
    expect(studentPackageFile('fs')).toBeUndefined()
    expect(studentPackageFile('toString')).toBeUndefined()
  })

  it('the course installs the parts of TensorFlow.js it uses, not the umbrella package with its browser bundles', () => {
    const pkg = JSON.parse(readFileSync(path.join(COURSE_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
    expect(pkg.devDependencies).not.toHaveProperty('@tensorflow/tfjs')
    for (const part of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm']) expect(pkg.devDependencies).toHaveProperty(part)
  })

  it('the course module offers what the umbrella did for the course: layers, optimizers, gradients, chained ops, both backends', async () => {
    expect(typeof tf.sequential).toBe('function')
    expect(typeof tf.layers.conv2d).toBe('function')
    expect(typeof tf.callbacks.earlyStopping).toBe('function')
    expect(typeof tf.regularizers.l2).toBe('function')
    expect(typeof tf.train.adam).toBe('function')
    const x = tf.tensor1d([1, 2, 3])
    expect(Array.from(await tf.grad((v: tf.Tensor) => v.square().sum())(x).data())).toEqual([2, 4, 6]) // chained ops and a registered gradient
    expect(tf.findBackend('cpu')).toBeDefined()
    expect(tf.findBackend('wasm')).toBeDefined()
    expect(tf.version['tfjs-core']).toBe(tf.version['tfjs-layers'])
  })
})
