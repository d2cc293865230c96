// The grader's record of one batch: the unit every output (results.json, grades.csv, junit.xml,
// summary.md, Gradescope JSON, HTML reports) is made from. Fields marked "untrusted" come from the
// submission and must be escaped wherever they are shown.
import type { SeedPolicy } from './seeds.ts'
import type { Score } from './scoring.ts'

export interface StudentResult {
  /** The student's id, from the submission's folder or zip name (untrusted). */
  id: string
  /** The submission as found in the submissions folder (untrusted). */
  source: string
  /**
   * `graded`: the suite ran; `rejected`: the submission could not be staged (corrupt zip, no
   * exercises, …); `error`: the grader itself failed on it (not the student's doing; never cached,
   * so the next run of the batch tries again); `not-submitted`: on the roster (`--roster`), with
   * no submission.
   */
  status: 'graded' | 'rejected' | 'not-submitted' | 'error'
  /** Why the submission was rejected, or a note on how the run ended. */
  error?: string
  score: Score
  seed: number
  /** How `seed` was chosen: from the course secret and the id, fixed by the teacher, or at random. */
  seedPolicy?: SeedPolicy
  /** TensorFlow.js backend(s) used, e.g. `wasm (cpu for conv training)`. */
  backend?: string
  durationMs: number
  /** The largest resident memory of any of its test processes (MB, Linux only). */
  peakMemoryMb?: number
  /** Hash of the staged files, the course version and the seed: the cache key. */
  hash: string
  /** The exercise code's own output, capped (untrusted). */
  output?: string
  /** What the grader noticed besides the test results, each with its kind (messages are untrusted text). */
  diagnostics?: Note[]
  /** The exercise files graded, relative to the exercises folder (`01-limits/limits.ts`). */
  files?: string[]
  /** When this result was computed (ISO time); a result reused from the cache keeps its own. */
  gradedAt?: string
  /** How the student's code was contained when it was graded (shards may run on different machines). */
  sandbox?: string
}

export interface BatchResult {
  /** Identifies the course's tests and grader; a change invalidates cached results. */
  courseVersion: string
  /** The seed of every student (`fixed`, `random`); 0 when each student has their own (`secret`). */
  seed: number
  /** How the seeds were chosen (absent in results written before seeds could come from a secret). */
  seedPolicy?: SeedPolicy
  /** The topic folders graded, in order: the columns of grades.csv. */
  topics?: string[]
  /** The slice of the class this batch graded (`--shard i/n`), if it was one. */
  shard?: { index: number; count: number }
  /** The class list given with --roster: who each id is in the gradebook (gradebook.csv). */
  roster?: RosterEntry[]
  /** The gradebook column's name (--assignment). */
  assignment?: string
  /** How student code was contained in this batch, and any warning about it. */
  sandbox?: { description: string; warning?: string }
  /** Entries of the submissions folder that were not graded, and why (untrusted names, escaped where shown). */
  skipped?: string[]
  startedAt: string
  finishedAt: string
  students: StudentResult[]
}

/** What a roster says about a student, for the gradebook export (every field optional but the id). */
export interface RosterEntry {
  /** The submission's name (a folder or zip in the submissions folder). */
  id: string
  name?: string
  /** The LMS's own user id (Canvas's "ID"). */
  lmsId?: string
  sisUserId?: string
  /** Canvas's "SIS Login ID"; Moodle maps it to a username or an email. */
  login?: string
  section?: string
}

/**
 * What the grader noticed about a submission besides its tests. The kind says where it came from,
 * so outputs decide what to flag by kind, never by the wording:
 * - naming: the submission's name was made safe or unique;
 * - files: a file was refused, ignored or left out, or a stub stood in for a missing one;
 * - type-error: TypeScript found an error in an exercise file (tests do not check types);
 * - type-check: the type check itself could not finish;
 * - grading: the test run needed help (a test process ended early and topics ran again, a time limit).
 */
export const NOTE_KINDS = ['naming', 'files', 'type-error', 'type-check', 'grading'] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export interface Note {
  kind: NoteKind
  /** The topic folder it concerns, when it concerns one. */
  topic?: string
  /** What happened, in English (untrusted: it may quote file names from the submission). */
  message: string
}

/** Notes of one kind from plain messages. */
export const notesOf = (kind: NoteKind, messages: readonly string[]): Note[] => messages.map((message) => ({ kind, message }))
