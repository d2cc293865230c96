// Runs in every test process before each test file. The test processes run only the course's code
// (the tests, the harness, the oracles): the student's code runs in student processes of its own
// (grader/bridge/), so nothing here needs guarding against it. The watchdog remains a backstop for
// the course's own code: a test that never ends would otherwise hold its process for ever.
import path from 'node:path'
import { expect } from 'vitest'
import { IMPORT_MS } from './graded.ts'
import { arm, startWatchdog } from './watchdog.ts'
import { readSetting } from '../core/settings.ts'

startWatchdog(readSetting('diagnosticsFile'))
const topicName = path.basename(path.dirname(expect.getState().testPath ?? ''))
arm(IMPORT_MS, { kind: 'timeout', topic: topicName, message: `${topicName}: loading the tests took longer than ${IMPORT_MS / 1000} s` })
