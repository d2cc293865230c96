// Runs in every test process before the test file, and so before any exercise code is loaded.
import path from 'node:path'
import { expect } from 'vitest'
import { IMPORT_MS } from './graded.ts'
import { lockBuiltins } from './integrity.ts'
import { arm, startWatchdog } from './watchdog.ts'

lockBuiltins()
startWatchdog(process.env.COURSE_DIAG_FILE || undefined)
const topicName = path.basename(path.dirname(expect.getState().testPath ?? ''))
// The grader may shorten the time allowed for loading (COURSE_IMPORT_TIMEOUT_MS), e.g. in its own tests.
const importMs = Number(process.env.COURSE_IMPORT_TIMEOUT_MS) || IMPORT_MS
arm(importMs, { kind: 'timeout', topic: topicName, message: `${topicName}: loading the exercise code took longer than ${importMs / 1000} s (an infinite loop when the module loads?)` })

// Ways around `import` that the import guard cannot see. Exercise code has no business with them.
for (const name of ['binding', '_linkedBinding', 'dlopen', 'getBuiltinModule'] as const) {
  Reflect.deleteProperty(process, name)
}

// Exercise code may end its own process (its topic then fails), but never signal another: the test
// runner, the grader or, outside the grader's sandbox, any other process of the user.
const killOwnProcess = process.kill.bind(process)
process.kill = (pid: number, signal?: string | number): true => {
  if (pid !== process.pid) throw new Error(`process.kill(${pid}) refused: exercise code may not signal other processes`)
  return killOwnProcess(pid, signal)
}
Reflect.deleteProperty(process, '_kill')
