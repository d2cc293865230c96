// Runs in every test process before the test file, and so before any exercise code is loaded.
import path from 'node:path'
import { expect } from 'vitest'
import { IMPORT_MS } from './graded.ts'
import { lockBuiltins } from './integrity.ts'
import { arm, startWatchdog } from './watchdog.ts'

lockBuiltins()
startWatchdog(process.env.COURSE_DIAG_FILE || undefined)
const topicName = path.basename(path.dirname(expect.getState().testPath ?? ''))
arm(IMPORT_MS, { kind: 'timeout', topic: topicName, message: `${topicName}: loading the exercise code took longer than ${IMPORT_MS / 1000} s (an infinite loop when the module loads?)` })

// Ways around `import` that the import guard cannot see. Exercise code has no business with them.
for (const name of ['binding', '_linkedBinding', 'dlopen', 'getBuiltinModule'] as const) {
  Reflect.deleteProperty(process, name)
}
