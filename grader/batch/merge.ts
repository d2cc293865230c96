// `grade merge <dirs>`: the outputs of several shards combined into the files one unsharded run
// writes. Shards must have graded the same course version with the same seed and topics.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { BatchResult, StudentResult } from '../core/results.ts'
import { parseBatchResult } from '../core/schemas.ts'
import { topicsIn } from '../core/manifest.ts'
import { notSubmitted } from './batch.ts'
import { writeOutputs } from './outputs/write-outputs.ts'

export async function mergeShards(dirs: string[], out: string, options: { html?: boolean } = {}): Promise<{ batch: BatchResult; warnings: string[] }> {
  if (dirs.length === 0) throw new Error('merge: give the output folders of the shards')
  const shards = dirs.map((dir) => {
    const file = path.join(dir, 'results.json')
    if (!existsSync(file)) throw new Error(`merge: ${file} does not exist (did that shard finish?)`)
    let parsed: ReturnType<typeof parseBatchResult>
    try {
      parsed = parseBatchResult(JSON.parse(readFileSync(file, 'utf8')))
    } catch (error) {
      throw new Error(`merge: ${file} is not valid JSON: ${(error as Error).message}`, { cause: error })
    }
    if (!parsed.ok) throw new Error(`merge: ${file} is not a batch's results (${parsed.problem})`)
    return { dir, batch: parsed.result }
  })
  const first = shards[0]!.batch
  for (const { dir, batch } of shards) {
    const differs = [
      batch.courseVersion !== first.courseVersion && `course version ${batch.courseVersion} ≠ ${first.courseVersion}`,
      batch.seed !== first.seed && `seed ${batch.seed} ≠ ${first.seed} (give every shard the same --seed)`,
      (batch.seedPolicy?.kind ?? 'fixed') !== (first.seedPolicy?.kind ?? 'fixed') && `seeds chosen ${batch.seedPolicy?.kind} ≠ ${first.seedPolicy?.kind}`,
      batch.seedPolicy?.kind === 'secret' && first.seedPolicy?.kind === 'secret' && batch.seedPolicy.fingerprint !== first.seedPolicy.fingerprint &&
        `course secret ${batch.seedPolicy.fingerprint} ≠ ${first.seedPolicy.fingerprint} (give every shard the same COURSE_SECRET)`,
      JSON.stringify(batch.topics) !== JSON.stringify(first.topics) && `topics ${batch.topics?.join(',')} ≠ ${first.topics?.join(',')}`,
    ].filter(Boolean)
    if (differs.length) throw new Error(`merge: ${dir} was graded differently from ${shards[0]!.dir}: ${differs.join('; ')}`)
  }
  // Every shard of the split, each once: a merge with a shard missing would drop its students silently.
  const count = first.shard?.count
  const unsharded = shards.find(({ batch }) => !batch.shard)
  if (unsharded) throw new Error(`merge: ${unsharded.dir} was not graded as a shard (--shard i/n); merge combines the shards of one class`)
  const mixed = shards.find(({ batch }) => batch.shard!.count !== count)
  if (mixed) throw new Error(`merge: ${mixed.dir} is shard ${mixed.batch.shard!.index}/${mixed.batch.shard!.count}, but ${shards[0]!.dir} is one of ${count}`)
  const indexes = shards.map(({ batch }) => batch.shard!.index)
  const twice = indexes.find((index, i) => indexes.indexOf(index) !== i)
  if (twice !== undefined) throw new Error(`merge: shard ${twice}/${count} is given twice`)
  const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((index) => !indexes.includes(index))
  if (missing.length) throw new Error(`merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; give the output folder of every shard`)
  const students = new Map<string, StudentResult>()
  for (const { dir, batch } of shards) {
    for (const student of batch.students) {
      if (students.has(student.id)) throw new Error(`merge: student "${student.id}" is in more than one shard (${dir}); were the shards given the same --shard?`)
      students.set(student.id, student)
    }
  }
  // Students on the roster whom no shard graded handed nothing in (shards leave that to the merge).
  const roster = first.roster ?? []
  for (const entry of roster) {
    if (![...students.keys()].some((id) => id.toLowerCase() === entry.id.toLowerCase())) students.set(entry.id, notSubmitted(entry.id, first.seed, first.topics ?? topicsIn(), first.seedPolicy))
  }
  const warnings = [...new Set(shards.flatMap(({ batch }) => (batch.sandbox?.warning ? [batch.sandbox.warning] : [])))]
  const batch: BatchResult = {
    courseVersion: first.courseVersion,
    seed: first.seed,
    ...(first.seedPolicy ? { seedPolicy: first.seedPolicy } : {}),
    ...(first.topics ? { topics: first.topics } : {}),
    ...(shards[0]!.batch.skipped?.length ? { skipped: shards[0]!.batch.skipped } : {}),
    ...(first.roster ? { roster: first.roster } : {}),
    ...(first.assignment ? { assignment: first.assignment } : {}),
    ...(first.sandbox ? { sandbox: { description: first.sandbox.description, ...(warnings.length ? { warning: warnings.join(' ') } : {}) } } : {}),
    startedAt: shards.map((s) => s.batch.startedAt).sort()[0]!,
    finishedAt: shards.map((s) => s.batch.finishedAt).sort().at(-1)!,
    students: [...students.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }
  return { batch, warnings: await writeOutputs(out, batch, options) }
}
