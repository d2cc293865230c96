// A long-lived TypeScript checker for the grader (a child process; grader/batch/typecheck.ts talks to
// it). Checking one submission with a fresh `tsc` parses the standard library, Node's types and the
// course's modules every time: about 3 s of CPU for a few student files. Here those files are parsed
// once and reused by every later submission's program (as TypeScript's language service does), so a
// check costs only the student's files and the type checking itself.
//
// The checker never runs student code. It can still be made slow by a pathological type, so the
// grader bounds each request in time and memory and replaces the whole process when one overruns.
import path from 'node:path'
import ts from 'typescript'

export interface CheckRequest {
  id: number
  /** The staged workspace (the names in messages are relative to it). */
  workspace: string
  /** The staged files, relative to the workspace. */
  files: string[]
  /** The tsconfig.json written for this submission (the course's options, these files). */
  config: string
}

export interface CheckReply {
  id: number
  /** For the staged files only: the file (relative to the workspace) and `01-limits/limits.ts(3,5): error TS2322: …`. */
  errors: Array<{ file: string; message: string }>
  problem?: string
}

/** Parsed files outside every workspace (the libraries, the course), shared by all programs. */
const shared = new Map<string, ts.SourceFile>()

function check(request: CheckRequest): CheckReply {
  const parsed = ts.getParsedCommandLineOfConfigFile(request.config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  if (!parsed) return { id: request.id, errors: [], problem: 'the type check could not read its configuration' }
  const host = ts.createCompilerHost(parsed.options)
  const own = (file: string) => !path.relative(request.workspace, file).startsWith('..')
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, languageVersion, onError, fresh) => {
    if (own(fileName)) return getSourceFile(fileName, languageVersion, onError, fresh)
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`
    let file = shared.get(key)
    if (!file) {
      file = getSourceFile(fileName, languageVersion, onError, fresh)
      if (file) shared.set(key, file)
    }
    return file
  }
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host })
  const staged = new Set(request.files)
  const errors: CheckReply['errors'] = []
  for (const file of program.getSourceFiles()) {
    const relative = path.relative(request.workspace, file.fileName).split(path.sep).join('/')
    if (!staged.has(relative)) continue
    for (const diagnostic of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
      if (diagnostic.category !== ts.DiagnosticCategory.Error) continue
      const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
      errors.push({ file: relative, message: `${relative}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}` })
    }
  }
  return { id: request.id, errors }
}

process.on('message', (request: CheckRequest) => {
  let reply: CheckReply
  try {
    reply = check(request)
  } catch (error) {
    reply = { id: request.id, errors: [], problem: `the type check failed: ${(error as Error).message}` }
  }
  process.send!(reply)
})

// The grader went away: so does its checker.
process.on('disconnect', () => process.exit(0))
