// `tsx tools/compare-grades.ts <reference>/results.json <other>/results.json`: the two batches gave
// the same verdicts: the same students with the same status, points per topic and, test by test,
// the same status and points. CI runs it to compare a batch graded on one Node line with the same
// batch (same seed) graded on the main one. Durations, memory and output may differ.
import { readFileSync } from 'node:fs'
import type { BatchResult } from '../grader/core/results.ts'

function verdicts(file: string): Map<string, string> {
  const batch = JSON.parse(readFileSync(file, 'utf8')) as BatchResult
  const lines = new Map<string, string>()
  for (const student of batch.students) {
    lines.set(student.id, `${student.status} ${student.score.total}/${student.score.max}`)
    for (const topic of student.score.topics) {
      lines.set(`${student.id} ${topic.topic}`, `${topic.status} ${topic.score}/${topic.max}`)
      for (const test of topic.tests) lines.set(`${student.id} ${topic.topic} ${test.id}`, `${test.status} ${test.points}/${test.max}`)
    }
  }
  return lines
}

const [referenceFile, otherFile] = process.argv.slice(2)
if (!referenceFile || !otherFile) {
  console.error('usage: tsx tools/compare-grades.ts <reference results.json> <other results.json>')
  process.exit(2)
}
const reference = verdicts(referenceFile)
const other = verdicts(otherFile)
const differences = [...new Set([...reference.keys(), ...other.keys()])]
  .filter((key) => reference.get(key) !== other.get(key))
  .map((key) => `  ${key}: ${reference.get(key) ?? '(missing)'} → ${other.get(key) ?? '(missing)'}`)
const students = [...reference.keys()].filter((key) => !key.includes(' ')).map((id) => `${id} ${reference.get(id)}`)
if (differences.length) {
  console.error(`${otherFile} differs from ${referenceFile} in ${differences.length} verdict(s):\n${differences.slice(0, 50).join('\n')}`)
  process.exit(1)
}
console.log(`same verdicts as ${referenceFile} (${reference.size} lines): ${students.join(', ')}`)
