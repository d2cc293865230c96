// The bench's account of where a grading run's CPU goes (tools/bench/cpu-by-role.ts).
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { roleOf, sampleCpuByRole } from '../bench/cpu-by-role.ts'
import { HAS_PROC } from '../../grader/sandbox/supervise.ts'

describe('roleOf', () => {
  it('tells the grader\'s processes apart by their command lines', () => {
    expect(roleOf('/usr/bin/node --import file:///c/node_modules/tsx/dist/loader.mjs --max-old-space-size=2048 /c/grader/vitest/server.ts')).toBe('vitest main process')
    expect(roleOf('/usr/bin/node /c/node_modules/vitest/vitest.mjs run exercises/01-limits/')).toBe('vitest main process')
    expect(roleOf('/usr/bin/node --import file:///c/node_modules/tsx/dist/loader.mjs /c/grader/batch/typecheck-server.ts')).toBe('type checks')
    expect(roleOf('/usr/bin/node --conditions node --experimental-permission --allow-fs-read=/c/node_modules/* /c/node_modules/vitest/dist/workers/forks.js')).toBe('test processes')
    expect(roleOf('/c/node_modules/@esbuild/linux-x64/bin/esbuild --service=0.28.2 --ping')).toBe('other')
  })
})

describe.runIf(HAS_PROC)('sampleCpuByRole', () => {
  it('counts the CPU of a child process that has ended, under its role', async () => {
    const sampler = sampleCpuByRole()!
    // A second of CPU (not of wall clock: the machine may be busy), under a command line that names the type checker.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', 'while (process.cpuUsage().user < 1e6);', 'typecheck-server.ts'])
      child.on('error', reject)
      child.on('exit', () => resolve())
    })
    const used = sampler.stop()
    expect(used.seconds['type checks']).toBeGreaterThan(0.5)
    expect(used.seconds['test processes']).toBe(0)
    expect(used.machineSeconds).toBeGreaterThanOrEqual(used.seconds['type checks'] - 0.05)
  })
})
