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
// process.kill checks its arguments and then calls the internal process._kill, so both are guarded.
type RawKill = (pid: number, signal: number) => number
const internals = process as unknown as { _kill: RawKill }
const rawKill = internals._kill.bind(process)
const refuse = (pid: number) => new Error(`process.kill(${pid}) refused: exercise code may not signal other processes`)
internals._kill = (pid, signal) => {
  if (pid !== process.pid) throw refuse(pid)
  return rawKill(pid, signal)
}
const checkedKill = process.kill.bind(process)
process.kill = (pid: number, signal?: string | number): true => {
  if (pid !== process.pid) throw refuse(pid)
  return checkedKill(pid, signal)
}
