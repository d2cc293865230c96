// A submission's contents as a flat list of entries, whether it is a folder or a zip file, with
// every entry the grader must not use already marked with the reason (shown to the teacher).

export interface SubmissionEntry {
  /** Path inside the submission, `/`-separated; non-UTF-8 bytes shown as `\xNN` when `refused`. */
  path: string
  kind: 'file' | 'dir'
  /** Bytes, as the container declares them (a zip's declaration is checked while reading). */
  size: number
  read(): Promise<Buffer>
  /** Why the entry may not be used: it escapes the submission, is a link, has an unreadable name… */
  refused?: string
}

export interface SubmissionListing {
  entries: SubmissionEntry[]
  /** Problems with the container itself, e.g. entries left unread past the limit. */
  notes: string[]
  /** Releases the container (a zip's open file) once the entries have been read. */
  close(): void
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The name as text, or undefined when its bytes are not valid UTF-8. */
export function decodeName(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

/** A byte string for messages: printable ASCII as is, everything else as `\xNN`. */
export function showBytes(bytes: Buffer): string {
  return [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')
}

/** Control characters in a name (a newline could forge lines in reports) shown as escapes. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Folders never searched for exercises: dependencies, version control, editor state. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.svn', '.hg', '__MACOSX', '.vscode', '.idea'])
