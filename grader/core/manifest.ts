// Points and hints are data, not code: each topic folder has a manifest.json that a teacher can edit
// without touching a test. This module reads and checks it.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import path from 'node:path'
import type { Localized } from './lang.ts'
import { EXERCISES_DIR } from './paths.ts'

export interface TestEntry {
  /** Points for passing the test. */
  points: number
  /** Shown with every failure of this test, in both course languages. */
  hint: Localized
  /**
   * The test's title in the course's other languages (the English title is the one in the test
   * file): reports and the progress table show it under COURSE_LANG=zh-TW.
   */
  title: Omit<Localized, 'en'>
  /** Anchor of the lesson section to read, e.g. `sum-rule` (links to README.md#sum-rule). */
  lesson?: string
  /** Hidden tests are left out of the student release and only run when grading. */
  hidden?: boolean
}

export interface Manifest {
  topic: string
  title: Localized
  tests: Record<string, TestEntry>
}

export const TOPIC_PATTERN = /^\d\d-[a-z0-9-]+$/

/** The topic folders (`01-limits`, …) directly inside `dir`, in order. */
export function topicsIn(dir: string = EXERCISES_DIR): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && TOPIC_PATTERN.test(e.name))
    .map((e) => e.name)
    .sort()
}

/**
 * The topics a command names, by number (`03`), folder (`03-matrices`) or name (`matrices`); none
 * named means every topic. The one rule for every command (grade, report, verify, flaky, regions,
 * bench). A name that matches no topic is an error, never a silent choice: `0` is not a prefix that
 * selects all of them.
 */
export function selectTopics(wanted: readonly string[] = [], all: readonly string[] = topicsIn()): string[] {
  if (all.length === 0) throw new Error('the course has no topics (exercises/NN-topic folders)')
  const names = wanted.map((w) => w.trim()).filter((w) => w !== '')
  if (names.length === 0) return [...all]
  const chosen = new Set<string>()
  for (const name of names) {
    const matches = all.filter((t) => t === name || t.startsWith(`${name}-`) || t.slice(t.indexOf('-') + 1) === name)
    if (matches.length === 0) throw new Error(`unknown topic "${name}": name a topic by its number (03), its folder (03-matrices) or its name (matrices); the course has ${all.join(', ')}`)
    for (const t of matches) chosen.add(t)
  }
  return all.filter((t) => chosen.has(t))
}

export function manifestPath(topic: string): string {
  return path.join(EXERCISES_DIR, topic, 'manifest.json')
}

const cache = new Map<string, Manifest>()

/** Reads and validates a topic's manifest; throws one error listing every problem found. */
export function loadManifest(topic: string): Manifest {
  const cached = cache.get(topic)
  if (cached) return cached
  const file = manifestPath(topic)
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: cannot read manifest: ${(error as Error).message}`, { cause: error })
  }
  const problems = validateManifest(data, topic)
  if (problems.length) throw new Error(`${file}:\n  - ${problems.join('\n  - ')}`)
  cache.set(topic, data as Manifest)
  return data as Manifest
}

const isLocalized = (v: unknown): v is Localized =>
  typeof v === 'object' && v !== null && ['en', 'zh-TW'].every((l) => typeof (v as Record<string, unknown>)[l] === 'string' && ((v as Record<string, string>)[l] ?? '').trim() !== '')

export function validateManifest(data: unknown, topic: string): string[] {
  const problems: string[] = []
  if (typeof data !== 'object' || data === null) return ['the manifest must be a JSON object']
  const m = data as Partial<Manifest>
  if (m.topic !== topic) problems.push(`"topic" must be "${topic}", found ${JSON.stringify(m.topic)}`)
  if (!isLocalized(m.title)) problems.push('"title" needs non-empty "en" and "zh-TW" texts')
  if (typeof m.tests !== 'object' || m.tests === null || Object.keys(m.tests).length === 0) {
    problems.push('"tests" must map test ids to { points, hint }')
    return problems
  }
  for (const [id, entry] of Object.entries(m.tests)) {
    if (!/^[a-z][\w.-]*$/i.test(id)) problems.push(`test id "${id}" must be letters, digits, dots or dashes`)
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`"${id}" must be an object`)
      continue
    }
    if (typeof entry.points !== 'number' || !(entry.points > 0) || !Number.isFinite(entry.points)) {
      problems.push(`"${id}" needs positive "points"`)
    }
    if (!isLocalized(entry.hint)) problems.push(`"${id}" needs a "hint" with non-empty "en" and "zh-TW" texts`)
    const title = (entry as { title?: unknown }).title
    if (typeof title !== 'object' || title === null || typeof (title as Record<string, unknown>)['zh-TW'] !== 'string' || !((title as Record<string, string>)['zh-TW'] ?? '').trim()) {
      problems.push(`"${id}" needs a "title" with a non-empty "zh-TW" text (the English title is the test's own)`)
    } else if (Object.keys(title).some((k) => k !== 'zh-TW')) problems.push(`"${id}".title may hold only "zh-TW"`)
    if (entry.lesson !== undefined && (typeof entry.lesson !== 'string' || !/^[a-z0-9-]+$/.test(entry.lesson))) {
      problems.push(`"${id}".lesson must be a lesson heading anchor such as "sum-rule"`)
    }
    if (entry.hidden !== undefined && typeof entry.hidden !== 'boolean') problems.push(`"${id}".hidden must be true or false`)
    const extra = Object.keys(entry).filter((k) => !['points', 'hint', 'title', 'lesson', 'hidden'].includes(k))
    if (extra.length) problems.push(`"${id}" has unknown fields: ${extra.join(', ')}`)
  }
  return problems
}

/** Compares the ids the tests register with the manifest: both directions must match exactly. */
export function compareWithTests(manifest: Manifest, registered: string[]): string[] {
  const problems: string[] = []
  const inManifest = new Set(Object.keys(manifest.tests))
  const seen = new Set<string>()
  for (const id of registered) {
    if (seen.has(id)) problems.push(`${manifest.topic}: test "${id}" is registered twice`)
    seen.add(id)
    if (!inManifest.has(id)) problems.push(`${manifest.topic}: test "${id}" has no points in manifest.json`)
  }
  for (const id of inManifest) if (!seen.has(id)) problems.push(`${manifest.topic}: manifest.json gives points to "${id}", but no test has that id`)
  return problems
}

export function maxPoints(manifest: Manifest, { includeHidden = true } = {}): number {
  return Object.values(manifest.tests).reduce((sum, t) => sum + (t.hidden && !includeHidden ? 0 : t.points), 0)
}
