// The course's vitest configuration for StrykerJS: the answer key under test, narrowed to one topic.
// MUTATION_TOPIC (`03-matrices`) is set by tools/mutation/run.ts for each Stryker run, so a mutant
// of one topic only ever runs that topic's own tests. Everything else (setup file, watchdog, the
// bridge to a student process) is the course's own config: the mutated answer key runs in a student
// process as a student's code does, and the bridge carries Stryker's active mutant there and the
// coverage back (grader/bridge/student-process.ts).
//
// Stryker's vitest runner asks for `pool: 'threads'` with one worker. The course's test processes
// are forks (the watchdog kills its own process), so the plugin below puts the pool back to forks,
// still one at a time, after Stryker's options are applied.
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import { courseTestConfig } from '../../grader/vitest/course-config.ts'
import { resolveTarget } from '../../grader/vitest/target.ts'

const topic = process.env.MUTATION_TOPIC
if (!topic || !/^\d\d-[a-z-]+$/.test(topic)) throw new Error('MUTATION_TOPIC must name one topic folder, e.g. 03-matrices')

const forksAgain: Plugin = {
  name: 'course-mutation-forks',
  configureVitest({ vitest, project }) {
    for (const config of [vitest.config, project.config]) {
      config.pool = 'forks'
      config.maxWorkers = 1
    }
  },
}

export default defineConfig(() => {
  const config = courseTestConfig(resolveTarget('solutions'))
  return {
    ...config,
    plugins: [...(config.plugins ?? []), forksAgain],
    test: { ...config.test, include: [`exercises/${topic}/*.test.ts`] },
  }
})
