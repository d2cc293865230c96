// `npm run new-topic -- 10-recurrent-nets [--title "Recurrent nets"] [--zh-title 遞迴神經網路]`:
// the files of a new topic, each a small working example to replace with the topic's own content:
//   exercises/NN-name/README.md         the lesson (its headings are the manifest's lesson anchors)
//   exercises/NN-name/name.ts           the stub students fill in (every function throws "not implemented")
//   exercises/NN-name/name.test.ts      the graded tests (forAll with named input regions)
//   exercises/NN-name/manifest.json     points, hints in en and zh-TW, zh-TW titles, lesson anchors
//   solutions/NN-name/name.ts           the answer key
//   solutions/variants/NN-name/…        a first wrong variant, with the test that must catch it
//   solutions/alternatives/NN-name/…    a first alternative correct solution
//   reference/oracles/name.ts           the oracle the tests compare with, its input generator and regions
// `npm run verify -- NN` passes on what it writes; docs/authoring.md says what to change next.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { TOPIC_PATTERN, topicsIn } from '../grader/core/manifest.ts'
import { COURSE_ROOT } from '../grader/core/paths.ts'

export interface NewTopic {
  /** The folder, `10-recurrent-nets`. */
  topic: string
  title: string
  zhTitle: string
}

/** The files of a new topic, relative to the course root, with their text. */
export function topicFiles({ topic, title, zhTitle }: NewTopic): Record<string, string> {
  const name = topic.slice(3)
  const number = topic.slice(0, 2)
  const oracle = `reference/oracles/${name}.ts`
  return {
    [`exercises/${topic}/README.md`]: lesson(number, name, title, zhTitle),
    [`exercises/${topic}/${name}.ts`]: stub(number, title, 'throw'),
    [`exercises/${topic}/${name}.test.ts`]: tests(topic, name),
    [`exercises/${topic}/manifest.json`]: `${JSON.stringify(manifest(topic, title, zhTitle), null, 2)}\n`,
    [`solutions/${topic}/${name}.ts`]: stub(number, title, 'answer'),
    [`solutions/variants/${topic}/forgets-absolute-value.ts`]: variant(topic, name),
    [`solutions/alternatives/${topic}/loop.ts`]: alternative(topic, name),
    [oracle]: oracleFile(),
  }
}

/** Writes a new topic's files; refuses a malformed name, a number in use, or any file that exists. */
export function createTopic(spec: NewTopic, root = COURSE_ROOT, existing = topicsIn(path.join(root, 'exercises'))): string[] {
  if (!TOPIC_PATTERN.test(spec.topic)) throw new Error(`"${spec.topic}" is not a topic folder name: two digits, a dash, then lower-case letters, digits and dashes (10-recurrent-nets)`)
  const taken = existing.find((t) => t.slice(0, 2) === spec.topic.slice(0, 2))
  if (taken) throw new Error(`topic number ${spec.topic.slice(0, 2)} is taken by ${taken}`)
  const files = topicFiles(spec)
  const present = Object.keys(files).filter((f) => existsSync(path.join(root, f)))
  if (present.length) throw new Error(`these files exist already, nothing was written: ${present.join(', ')}`)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text, { flag: 'wx' })
  }
  return Object.keys(files)
}

function lesson(number: string, name: string, title: string, zhTitle: string): string {
  return `# ${number} · ${title} (${zhTitle})

<!-- The lesson students read before the exercises. Each test's "lesson" in manifest.json names one
of its headings (GitHub's slug: "The L1 norm" → the-l1-norm), and reports link failures there.
Formulas are KaTeX: $…$ inline, $$…$$ on their own lines. Replace this example with the topic. -->

## What you will build

One function, \`l1Norm(v)\`, in \`${name}.ts\`. Replace each \`throw\` with your code; \`npm test -- ${number}\`
checks your work.

## The L1 norm

The L1 norm (L1 範數) of a vector $v \\in \\mathbb{R}^d$ adds up the sizes of its entries:

$$\\lVert v \\rVert_1 = \\sum_{i=1}^{d} |v_i|$$

A negative entry counts by its size: $\\lVert (3, -4) \\rVert_1 = 7$, not $-1$.

## Bad input

A vector has at least one entry: \`l1Norm([])\` throws a \`RangeError\` whose message says the
vector is empty.
`
}

function stub(number: string, title: string, body: 'throw' | 'answer'): string {
  const header = body === 'throw'
    ? `// Topic ${number}: ${title}. Read README.md in this folder first.\n// Replace each \`throw\` with your code; \`npm test -- ${number}\` checks your work.\n`
    : `// The answer key of topic ${number}. Tests never import it; verify checks it scores full marks.\n`
  const code = body === 'throw'
    ? `  throw new Error('not implemented: l1Norm(v)')`
    : `  if (v.length === 0) throw new RangeError('l1Norm: the vector is empty')
  return v.reduce((sum, x) => sum + Math.abs(x), 0)`
  return `${header}
/** The L1 norm ‖v‖₁ = Σᵢ |vᵢ| of a non-empty vector; an empty one throws a RangeError. */
export function l1Norm(v: readonly number[]): number {
${code}
}
`
}

function tests(topic: string, name: string): string {
  return `import { describe } from 'vitest'
import { expectClose, expectThrows, forAll, topic } from '../../grader/harness'
import * as student from '@target/${topic}/${name}'
import { l1Norm, vector, vectorRegions } from '../../reference/oracles/${name}.ts'

const { graded } = topic(import.meta.url)

describe('l1Norm(v)', () => {
  // Each test's id is a key of manifest.json's "tests"; the English title is written here.
  graded('l1Norm.oracle', 'l1Norm(v) is Σ|vᵢ| (within the rounding of d additions)', () => {
    forAll({ v: vector }, ({ v }) => {
      const expected = l1Norm(v)
      expectClose(\`l1Norm([\${v.join(', ')}])\`, student.l1Norm(v), expected, { abs: 1e-12, rel: 1e-12 * v.length })
    }, { regions: { ...vectorRegions } })
  })

  graded('l1Norm.empty', 'l1Norm([]) throws a RangeError', () => {
    expectThrows('l1Norm([])', () => student.l1Norm([]), [RangeError])
  })
})
`
}

function manifest(topic: string, title: string, zhTitle: string) {
  return {
    topic,
    title: { en: title, 'zh-TW': zhTitle },
    tests: {
      'l1Norm.oracle': {
        points: 2,
        lesson: 'the-l1-norm',
        hint: { en: 'Add up Math.abs(x) for every entry x: a negative entry counts by its size.', 'zh-TW': '把每個元素的 Math.abs(x) 加起來:負的元素以它的大小計算。' },
        title: { 'zh-TW': 'l1Norm(v) 等於 Σ|vᵢ|(在 d 次加法的捨入誤差內)' },
      },
      'l1Norm.empty': {
        points: 1,
        lesson: 'bad-input',
        hint: { en: "Check v.length first: throw new RangeError('l1Norm: the vector is empty').", 'zh-TW': "先檢查 v.length:throw new RangeError('l1Norm: the vector is empty')。" },
        title: { 'zh-TW': 'l1Norm([]) 會拋出 RangeError' },
      },
    },
  }
}

function variant(topic: string, name: string): string {
  return `/**
 * Adds the entries themselves instead of their sizes (forgets Math.abs).
 * @replaces ${topic}/${name}.ts
 * @mustFail l1Norm.oracle
 */
export function l1Norm(v: readonly number[]): number {
  if (v.length === 0) throw new RangeError('l1Norm: the vector is empty')
  return v.reduce((sum, x) => sum + x, 0)
}
`
}

function alternative(topic: string, name: string): string {
  return `/**
 * A for loop and a sign test instead of reduce and Math.abs.
 * @replaces ${topic}/${name}.ts
 */
export function l1Norm(v: readonly number[]): number {
  if (!v.length) throw new RangeError('l1Norm: cannot take the norm of an empty vector')
  let sum = 0
  for (const x of v) sum += x < 0 ? -x : x
  return sum
}
`
}

function oracleFile(): string {
  return `// The reference the tests compare with, and the inputs they draw. Generators reach the named
// regions on purpose (fc.oneof of regimes), so that a mistake that shows only there is caught under
// every seed; verify fails a region reached less often than its floor.
import fc from 'fast-check'
import { region, type Regions } from '../regions.ts'

export function l1Norm(v: readonly number[]): number {
  let sum = 0
  for (const x of v) sum += Math.abs(x)
  return sum
}

const entry = fc.oneof(fc.integer({ min: -9, max: 9 }), fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }))

/** Vectors of 1 to 8 entries; half of them have a negative entry on purpose. */
export const vector = fc.oneof(
  fc.array(entry, { minLength: 1, maxLength: 8 }),
  fc.tuple(fc.array(entry, { minLength: 0, maxLength: 7 }), fc.double({ min: -1e3, max: -1e-3, noNaN: true })).map(([rest, negative]) => [...rest, negative]),
)

export const vectorRegions: Regions<{ v: number[] }> = {
  'a negative entry': region(20, ({ v }) => v.some((x) => x < 0)),
  'a single entry': region(2, ({ v }) => v.length === 1),
}
`
}

function titleOf(topic: string): string {
  const words = topic.slice(3).replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function main(): void {
  const program = new Command('npm run new-topic --')
    .description("creates a topic's lesson, stub, tests, manifest, answer key, oracle, a wrong variant and an alternative, which `npm run verify -- NN` checks")
    .argument('<topic>', 'the folder: two digits, a dash, a name (10-recurrent-nets)')
    .option('--title <en>', 'the English title (default: from the folder name)')
    .option('--zh-title <zh-TW>', 'the zh-TW title')
    .parse(process.argv.slice(2), { from: 'user' })
  const topic = program.args[0]!
  const options = program.opts<{ title?: string; zhTitle?: string }>()
  const title = options.title ?? titleOf(topic)
  const written = createTopic({ topic, title, zhTitle: options.zhTitle ?? `${title}(待譯)` })
  console.log(`${topic}: wrote\n${written.map((f) => `  ${f}`).join('\n')}\n`)
  console.log(`Next: npm run verify -- ${topic.slice(0, 2)} (it passes as written), then replace the example with the topic`)
  console.log('(docs/authoring.md), and npm run readme to add the topic to the README table.')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main()
  } catch (error) {
    console.error(`new-topic: ${(error as Error).message}`)
    process.exitCode = 1
  }
}
