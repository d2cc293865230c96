// What a graded test records about itself in vitest's task meta, for the reporters and the grader.
import type { Plot } from './plots.ts'
import type { RegionCount } from './regions.ts'

/**
 * `error`: the student's code threw something other than a graded assertion; `timeout`, `crashed`:
 * its process did not return in time, or ended; `load-error`: its module could not be loaded.
 */
export type Outcome = 'passed' | 'failed' | 'not-implemented' | 'error' | 'timeout' | 'crashed' | 'load-error'

export interface FailureInfo {
  outcome: Exclude<Outcome, 'passed'>
  /** One line: what was wrong. */
  summary: string
  /** The shrunk counterexample, one `name = value` per line. */
  counterexample?: string
  shrinks?: number
  /** fast-check's replay path for the counterexample. */
  path?: string
  expected?: string
  received?: string
  tolerance?: string
  /** The run's base seed and the seed this test's property used. */
  seed: number
  propertySeed: number
  reproduce: string
  hint: string
}

declare module 'vitest' {
  interface TaskMeta {
    testId?: string
    topic?: string
    outcome?: Outcome
    failure?: FailureInfo
    /** The TensorFlow.js backend the test ran on, if it used one. */
    backend?: string
    /** Plots of the student's results beside the reference's, for the report. */
    plots?: Plot[]
    /** How often each property's inputs fell in its named regions (see regions.ts). */
    regions?: RegionCount[]
    /** The base seed of this registration, when one run registers each test under several (COURSE_SEEDS). */
    seed?: number
  }
}
