// The README's table of topics (tests · points per topic) is generated from the manifests, so it
// cannot go stale: `npm run readme` rewrites it between its markers, and a unit test (run by `npm run
// verify`) fails when it differs from what the manifests say.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../grader/core/atomic-write.ts'
import { loadManifest, maxPoints, topicsIn } from '../grader/core/manifest.ts'
import { COURSE_ROOT } from '../grader/core/paths.ts'

export const README = path.join(COURSE_ROOT, 'README.md')
const START = '<!-- topics: generated from the manifests by `npm run readme` -->'
const END = '<!-- /topics -->'

/** The table: one row per topic, with its lesson link and its tests · points (hidden tests included). */
export function topicTable(): string {
  const rows = topicsIn().map((topic) => {
    const m = loadManifest(topic)
    const tests = Object.keys(m.tests).length
    return `| ${topic.slice(0, 2)} · ${m.title.en.replace(/^./, (c) => c.toLowerCase())} (${m.title['zh-TW']}) | [exercises/${topic}](exercises/${topic}/README.md) | ${tests} · ${maxPoints(m)} |`
  })
  const totalTests = topicsIn().reduce((s, t) => s + Object.keys(loadManifest(t).tests).length, 0)
  const totalPoints = topicsIn().reduce((s, t) => s + maxPoints(loadManifest(t)), 0)
  return ['| topic | lesson | tests · points |', '| --- | --- | --- |', ...rows, `| all | | ${totalTests} · ${totalPoints} |`].join('\n')
}

/** The README's text with the generated table in place; throws if the markers are missing. */
export function readmeWithTable(text: string): string {
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END} around the table of topics`)
  return `${text.slice(0, start + START.length)}\n${topicTable()}\n${text.slice(end)}`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = readFileSync(README, 'utf8')
  const updated = readmeWithTable(text)
  if (updated !== text) writeFileAtomic(README, updated)
  console.log(updated === text ? 'README.md: the table of topics is up to date' : 'README.md: the table of topics was rewritten from the manifests')
}
