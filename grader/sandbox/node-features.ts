// What the running Node.js offers the sandbox, found by trying it rather than by its version number.
//
// The permission model's flag was `--experimental-permission` until Node 22.13 and is `--permission`
// since (Node 24 refuses the old name, Node 20 the new one); `--no-experimental-fetch` is gone from
// Node 24; Node 25 added network access to the permission model. A flag a Node refuses ends the test
// process before any test runs, which would give every student 0, so the grader finds the flags once,
// proves that the sandbox they make really holds, and refuses to grade with a clear message if not.
import { spawnSync } from 'node:child_process'

export interface NodeFeatures {
  /** `process.version` of the Node that runs the test processes. */
  version: string
  /** The flag that turns the permission model on. */
  permissionFlag: '--permission' | '--experimental-permission'
  /** Node flags that take `fetch` away, where this Node has one (Node 22); [] otherwise. */
  noFetchFlags: string[]
  /** The permission model also refuses network access (Node 25 and later). */
  permissionDeniesNetwork: boolean
}

/** Raised when this Node cannot run the sandbox; its message tells the teacher what to do. */
export class UnsupportedNodeError extends Error {
  override name = 'UnsupportedNodeError'
}

const SUPPORTED = 'Node.js 22.15 or later on the 22 line, 24 or 26'

// Run under the candidate flags with reads limited to one folder that does not exist: every check
// must come out as the sandbox needs it, or the probe says which did not.
const PROBE = `
const p = process.permission
const problems = []
if (!p) problems.push('process.permission is missing')
else {
  if (p.has('fs.read', process.execPath)) problems.push('reads outside the allowed folders are not refused')
  if (p.has('fs.write')) problems.push('writes are not refused')
  if (p.has('child')) problems.push('child processes are not refused')
  if (!p.has('worker')) problems.push('worker threads (the watchdog) are refused')
}
// Only a Node whose permission model knows the network refuses this (has('net') is false for a
// scope a Node does not know at all).
let net = true
try { require('node:net').createServer().listen(0).close() } catch (e) { if (e.code === 'ERR_ACCESS_DENIED') net = false }
process.stdout.write(JSON.stringify({ problems, net }))
`

const cache = new Map<string, NodeFeatures>()

/** The features of the Node at `execPath` (the grader's own by default); throws UnsupportedNodeError. */
export function detectNodeFeatures(execPath: string = process.execPath): NodeFeatures {
  const known = cache.get(execPath)
  if (known) return known
  const version = run(execPath, ['-p', 'process.version']).stdout.trim()
  const permissionFlag = (['--permission', '--experimental-permission'] as const).find((flag) => accepts(execPath, [flag]))
  if (!permissionFlag) {
    throw new UnsupportedNodeError(`Node.js ${version} has no permission model the grader can use (neither --permission nor --experimental-permission is accepted); the grader needs ${SUPPORTED}.`)
  }
  const noFetchFlags = accepts(execPath, ['--no-experimental-fetch']) ? ['--no-experimental-fetch'] : []
  const probe = run(execPath, [permissionFlag, '--allow-fs-read=/nonexistent-course-probe/*', '--allow-worker', ...noFetchFlags, '-e', PROBE])
  let verdict: { problems: string[]; net: boolean }
  try {
    verdict = JSON.parse(probe.stdout) as typeof verdict
  } catch {
    throw new UnsupportedNodeError(`Node.js ${version} did not start under the grader's sandbox flags (${firstLine(probe.stderr) || `exit code ${probe.status}`}); the grader needs ${SUPPORTED}.`)
  }
  if (verdict.problems.length > 0) {
    throw new UnsupportedNodeError(`Node.js ${version}'s permission model does not hold as the grader needs: ${verdict.problems.join('; ')}. The grader needs ${SUPPORTED}.`)
  }
  const features: NodeFeatures = { version, permissionFlag, noFetchFlags, permissionDeniesNetwork: !verdict.net }
  cache.set(execPath, features)
  return features
}

/** True if this Node starts with `flags` (a flag it does not know ends it with "bad option"). */
function accepts(execPath: string, flags: string[]): boolean {
  return run(execPath, [...flags, '-e', '0']).status === 0
}

function run(execPath: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  // NODE_OPTIONS of the grader's own shell must not decide what the probe sees.
  const env = { ...process.env, NODE_OPTIONS: '' }
  const result = spawnSync(execPath, args, { encoding: 'utf8', timeout: 20_000, env })
  if (result.error) throw new UnsupportedNodeError(`cannot run ${execPath}: ${result.error.message}`)
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}
