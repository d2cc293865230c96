// What a graded test records about itself in vitest's task meta, for the reporters and the grader.
import type { FailureInfo, Outcome } from '../core/failure.ts'
import type { Plot } from '../core/plots.ts'
import type { RegionCount } from '../core/regions.ts'

declare module 'vitest' {
  interface TaskMeta {
    testId?: string
    /** The test's English title as written in the test file (vitest's name adds the points). */
    title?: string
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
