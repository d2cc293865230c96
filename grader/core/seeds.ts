// Grading seeds. A teacher sets a course secret once (COURSE_SECRET, or a file named by
// COURSE_SECRET_FILE or `--secret-file`; on Gradescope the file `.secret/course-secret` inside the
// autograder, hidden from student code); each student's seed is then an HMAC of their id under that
// secret: the same on every resubmission and regrade, different between students, and not
// predictable without the secret. `--seed <n>` pins one seed for everyone instead. With neither,
// the seed is drawn at random and every output says so.
import { createHash, createHmac, randomInt } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { COURSE_ROOT } from './paths.ts'
import { readSetting } from './settings.ts'

/** Where the Gradescope autograder keeps the secret (a folder, so the sandbox can hide it). */
export const SECRET_DIR = path.join(COURSE_ROOT, '.secret')
export const BUNDLED_SECRET_FILE = path.join(SECRET_DIR, 'course-secret')

/** Shorter secrets are refused: a guessable secret gives guessable seeds. */
export const MIN_SECRET_LENGTH = 16

export interface CourseSecret {
  value: string
  /** Where it came from, for messages (never the value). */
  source: string
  /** A file holding it, which the sandbox hides from student code. */
  file?: string
}

export type SeedPolicy =
  | { kind: 'secret'; fingerprint: string; source: string }
  | { kind: 'fixed' }
  | { kind: 'random' }

/**
 * The course secret: `COURSE_SECRET`, else the file `COURSE_SECRET_FILE` (or `file`), else the
 * autograder's bundled `.secret/course-secret`; undefined when there is none. Throws on a secret
 * too short to be one, so that a typo never silently grades with a weak one.
 */
export function readCourseSecret(env: NodeJS.ProcessEnv = process.env, file?: string): CourseSecret | undefined {
  let secret: CourseSecret | undefined
  const named = file ?? readSetting('secretFile', env)
  const fromEnv = readSetting('secret', env)
  if (fromEnv) secret = { value: fromEnv, source: 'the COURSE_SECRET environment variable' }
  else if (named) {
    const full = path.resolve(named)
    if (!existsSync(full)) throw new Error(`the course secret file ${full} does not exist`)
    secret = { value: readFileSync(full, 'utf8').trim(), source: `the file ${full}`, file: full }
  } else if (existsSync(BUNDLED_SECRET_FILE)) {
    secret = { value: readFileSync(BUNDLED_SECRET_FILE, 'utf8').trim(), source: "the autograder's .secret/course-secret", file: BUNDLED_SECRET_FILE }
  }
  if (secret && secret.value.length < MIN_SECRET_LENGTH) {
    throw new Error(`the course secret from ${secret.source} has ${secret.value.length} characters; use at least ${MIN_SECRET_LENGTH} (e.g. openssl rand -hex 32)`)
  }
  return secret
}

/** Identifies a secret in the outputs without revealing it (a regrade can check it used the same one). */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(`course-secret-fingerprint\0${secret}`).digest('hex').slice(0, 12)
}

/** A student's grading seed under the course secret: a whole number in 1 … 2³¹ − 2. */
export function studentSeed(secret: string, studentId: string): number {
  const mac = createHmac('sha256', secret).update(`course-grading-seed\0${studentId.normalize('NFC')}`).digest()
  return 1 + (mac.readUInt32BE(0) % (2 ** 31 - 2))
}

export function randomSeed(): number {
  return randomInt(1, 2 ** 31 - 1)
}

export function seedPolicy(fixed: number | undefined, secret: CourseSecret | undefined): SeedPolicy {
  if (fixed !== undefined) return { kind: 'fixed' }
  if (secret) return { kind: 'secret', fingerprint: secretFingerprint(secret.value), source: secret.source }
  return { kind: 'random' }
}

/** One sentence on how a seed was chosen, for every output a teacher or student reads. */
export function seedNote(policy: SeedPolicy | undefined, seed: number): string {
  switch (policy?.kind) {
    case 'secret':
      return `seed ${seed}, derived from the course secret (fingerprint ${policy.fingerprint}) and the student's id: the same on every resubmission and regrade`
    case 'fixed':
      return `seed ${seed}, fixed by the teacher (--seed)`
    default:
      return `seed ${seed}, drawn at random: no course secret is set (COURSE_SECRET), so a regrade reproduces this result only with --seed ${seed}`
  }
}
