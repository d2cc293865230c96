// Runs in every test process before the test file, and so before any exercise code is loaded.
import { realpathSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { COURSE_ROOT, isInside } from '../paths.ts'
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
for (const name of ['binding', '_linkedBinding', 'getBuiltinModule'] as const) {
  Reflect.deleteProperty(process, name)
}

// The network APIs that need no import (Node 24 and later have no flag that removes fetch). The
// grader's sandbox has no network at all where Linux namespaces exist, and on Node 25 and later the
// permission model refuses it too; this covers the rest.
for (const name of ['fetch', 'WebSocket', 'EventSource'] as const) {
  Reflect.deleteProperty(globalThis, name)
}

// Native addons: only TensorFlow's own (tfjs-node, the optional accelerator) may be loaded. When
// grading, the permission model refuses every addon anyway, so grading always runs on wasm/cpu.
const dlopen = process.dlopen.bind(process)
const addonRoots = [path.join(COURSE_ROOT, 'node_modules', '@tensorflow')]
try {
  addonRoots.push(path.join(realpathSync(path.join(COURSE_ROOT, 'node_modules')), '@tensorflow'))
} catch {
  // no node_modules folder to resolve: nothing else to allow
}
process.dlopen = (module: { exports: unknown }, filename: string, flags?: number) => {
  if (!addonRoots.some((root) => isInside(path.resolve(filename), root))) {
    throw new Error(`loading the native addon ${filename} refused: exercise code may not load native code`)
  }
  return flags === undefined ? dlopen(module, filename) : dlopen(module, filename, flags)
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
