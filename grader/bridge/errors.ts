// What can go wrong on the student's side of the bridge, as the trusted side sees it. Errors the
// student's code threw arrive as instances of this realm's own classes (a RangeError stays a
// RangeError, so `expectThrows` keeps working), marked with what the trusted side knows of them.

const STUDENT = Symbol('course-student-error')

export interface StudentErrorInfo {
  /** The error was raised by the engine, not by the code's own checks (unbounded recursion). */
  engine?: 'stack-overflow'
}

/** Marks `error` as thrown by student code. */
export function markStudentError<E extends Error>(error: E, info: StudentErrorInfo): E {
  Object.defineProperty(error, STUDENT, { value: info })
  return error
}

/** What is known of an error thrown by student code; undefined for any other error. */
export function studentErrorInfo(error: unknown): StudentErrorInfo | undefined {
  return error !== null && typeof error === 'object' ? (error as { [STUDENT]?: StudentErrorInfo })[STUDENT] : undefined
}

/** Student code did not return within the time the test allows (`allowedMs`). */
export class StudentTimeout extends Error {
  override name = 'StudentTimeout'
  constructor(readonly allowedMs: number) {
    super(`your code did not return within the ${Math.round(allowedMs / 1000)} s the test allows, and was stopped`)
  }
}

export type CrashCause = 'exit' | 'signal' | 'memory' | 'too-large' | 'protocol' | 'start'

/** The student's process ended (or had to be ended) in the middle of a call. */
export class StudentCrash extends Error {
  override name = 'StudentCrash'
  constructor(
    readonly reason: CrashCause,
    /** What is known: the exit code, the signal, the size of a result, the heap, what went wrong. */
    readonly details: { code?: number | null; signal?: string | null; mb?: number; limit?: number; detail?: string },
  ) {
    super(`your code's process ended (${reason}${details.code !== undefined ? `, exit code ${details.code}` : ''}${details.signal ? `, ${details.signal}` : ''}${details.detail ? `: ${details.detail}` : ''})`)
  }
}

import type { LoadProblem } from '../core/failure.ts'

export type { LoadProblem }

/** The student's module could not be loaded; every call to it fails with this. */
export class StudentLoadError extends Error {
  override name = 'StudentLoadError'
  constructor(
    readonly problem: LoadProblem,
    message: string,
  ) {
    super(message)
  }
}

/** Failures of the student's process rather than answers of the student's code. */
export function isProcessFailure(error: unknown): error is StudentTimeout | StudentCrash | StudentLoadError {
  return error instanceof StudentTimeout || error instanceof StudentCrash || error instanceof StudentLoadError
}
