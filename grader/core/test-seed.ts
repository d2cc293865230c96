// Seed policy. Students get one fixed seed so a failure reproduces on every run; the grader passes
// its own through COURSE_SEED. Each test derives its property seed from the base seed and its id,
// so a test's inputs do not depend on which other tests ran before it (e.g. with `-t`).
import { readSetting } from './settings.ts'
export const STUDENT_SEED = 20261128

export function baseSeed(env: NodeJS.ProcessEnv = process.env): number {
  return readSetting('seed', env) ?? STUDENT_SEED
}

/**
 * FNV-1a over `<base>:<id>`, folded to a 31-bit seed as fast-check expects. (The base is in the
 * text; also XOR-ing it into the starting state cancelled against its first digit, so that every
 * base from 0 to 9 gave each test the same seed.)
 */
export function testSeed(base: number, testId: string): number {
  let h = 0x811c9dc5
  for (const ch of `${base}:${testId}`) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) & 0x7fffffff
}

export function reproduceCommand(base: number, topic: string): string {
  const prefix = base === STUDENT_SEED ? '' : `COURSE_SEED=${base} `
  return `${prefix}npm test -- ${topic.slice(0, 2)}`
}
