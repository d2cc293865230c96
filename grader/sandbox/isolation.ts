// The operating-system side of the sandbox, without containers.
//
// On Linux, `unshare` gives each submission new user, network, PID and mount namespaces: no network
// at all, no sight of (or signal to) any process outside, and a view of the file system in which the
// course is read-only and the answer key, the output folder and the submissions are empty. Before
// the test runner starts, every capability is dropped, so nothing inside can undo that view.
// Where namespaces are not available (macOS, kernels that forbid unprivileged user namespaces) the
// grader says so, records it in the results, and relies on the Node permission model and the guards.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, mkdtempSync, rmSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type NodeFeatures, detectNodeFeatures } from './node-features.ts'

export type IsolationMode = 'auto' | 'namespaces' | 'node'

export interface Sandbox {
  namespaces: boolean
  /** The flags this Node takes for the permission model (probed: grader/sandbox/node-features.ts). */
  node: NodeFeatures
  /** How the processes are contained, in one line for the results and the summary. */
  description: string
  /** Why containment is weaker than it could be, if it is. */
  warning?: string
  unshare?: string
  setpriv?: string
}

/** Paths the submission's processes see differently: read-only, or hidden behind an empty folder. */
export interface FileSystemView {
  readOnly: string[]
  hidden: string[]
  /** The grader's scratch folder (every job's workspace): the runner serves only the current one from it. */
  scratchRoot?: string
}

/** How this machine can contain student code; throws UnsupportedNodeError if this Node cannot. */
export function detectSandbox(mode: IsolationMode): Sandbox {
  const node = detectNodeFeatures()
  const nodeOnly = `Node ${node.version} permission model (reads limited to the course and the workspace, no writes, no child processes${node.permissionDeniesNetwork ? ', no network' : ''}) and import guards`
  const setpriv = which('setpriv')
  if (mode === 'node') {
    return { namespaces: false, node, description: nodeOnly, warning: 'Linux namespaces were turned off (--isolation node): no network or process isolation.', setpriv }
  }
  const unshare = which('unshare')
  const problem = !unshare ? 'the unshare command was not found' : !setpriv ? 'the setpriv command was not found' : probe(unshare, setpriv)
  if (problem) {
    if (mode === 'namespaces') throw new Error(`--isolation namespaces: Linux namespaces are not available here: ${problem}`)
    return {
      namespaces: false,
      node,
      description: nodeOnly,
      warning: `Linux namespaces are not available (${problem}): student code is not cut off from the network or from other processes; see the README's containment table.`,
      setpriv,
    }
  }
  return {
    namespaces: true,
    node,
    description: `Linux user, network, PID and mount namespaces (no network, read-only course, answer key and outputs hidden, no capabilities) + ${nodeOnly}`,
    unshare,
    setpriv,
  }
}

/** The command line that runs `command` inside the sandbox with the given view of the file system. */
export function sandboxed(sandbox: Sandbox, command: string[], view: FileSystemView): { file: string; args: string[] } {
  // Whatever happens to the grader (even `kill -9`), what it started goes with it.
  const diesWithGrader = sandbox.setpriv ? [sandbox.setpriv, '--pdeathsig', 'KILL', '--'] : []
  if (!sandbox.namespaces) {
    const full = [...diesWithGrader, ...command]
    return { file: full[0]!, args: full.slice(1) }
  }
  const script = [
    'set -e',
    ...view.readOnly.flatMap((dir) => [`mount --bind ${quote(dir)} ${quote(dir)}`, `mount -o remount,bind,ro ${quote(dir)}`]),
    ...view.hidden.map((dir) => `if [ -d ${quote(dir)} ]; then mount -t tmpfs -o size=16k,mode=0555,nosuid,nodev,noexec course-grader-hidden ${quote(dir)}; fi`),
    `exec ${quote(sandbox.setpriv!)} --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"`,
  ].join('\n')
  const full = [...diesWithGrader, sandbox.unshare!, '--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', '--kill-child', '--', '/bin/sh', '-c', script, 'course-sandbox', ...command]
  return { file: full[0]!, args: full.slice(1) }
}

/**
 * Node flags for a student process (grader/bridge/): the permission model (under the flag name this
 * Node takes) with reads limited to `read` (folders) and writes to `write` (files), nothing else: no
 * child processes, no worker threads, no native code, no WASI and, on Node 25 and later, no
 * network; a heap cap; and, where this Node has the flag, no `fetch`.
 */
export function studentProcessFlags(node: NodeFeatures, options: { read: string[]; write: string[]; heapMb: number }): string[] {
  return [
    node.permissionFlag,
    // Once each: Node 20 aborted (a failed assertion in its permission tree) on a repeated wildcard path.
    ...[...new Set(options.read)].map((p) => `--allow-fs-read=${path.join(p, '*')}`),
    ...options.write.map((p) => `--allow-fs-write=${p}`),
    `--max-old-space-size=${options.heapMb}`,
    ...node.noFetchFlags,
  ]
}

/** Tries the whole arrangement once on a scratch folder; returns what failed, if anything. */
function probe(unshare: string, setpriv: string): string | undefined {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'course-sandbox-probe-'))
  try {
    const hidden = path.join(scratch, 'hidden')
    mkdirSync(hidden)
    const { file, args } = sandboxed({ namespaces: true, node: detectNodeFeatures(), description: '', unshare, setpriv }, ['/bin/sh', '-c', `test ! -e ${quote(path.join(hidden, 'x'))} && ! touch ${quote(path.join(scratch, 'ro'))} 2>/dev/null`], { readOnly: [scratch], hidden: [hidden] })
    // The probe writes a file into the hidden folder first, which the sandboxed shell must not see.
    spawnSync('/bin/sh', ['-c', `touch ${quote(path.join(hidden, 'x'))}`])
    const result = spawnSync(file, args, { timeout: 10_000, encoding: 'utf8' })
    if (result.error) return result.error.message
    if (result.status !== 0) return (result.stderr || `exit code ${result.status}`).trim().split('\n')[0]
    return undefined
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(path.delimiter).concat(['/usr/bin', '/bin', '/usr/sbin', '/sbin'])) {
    const candidate = path.join(dir, command)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

/** A single-quoted shell word. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}
