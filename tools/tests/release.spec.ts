// The student release, the Gradescope autograder and the workflows, checked by running them.
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import yauzl from 'yauzl'
import satisfies from 'semver/functions/satisfies.js'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { loadManifest, maxPoints, topicsIn } from '../../grader/core/manifest.ts'
import { COURSE_ROOT, EXERCISES_DIR, SOLUTIONS_DIR } from '../../grader/core/paths.ts'
import { buildZip } from '../zip-writer.ts'
import { buildRelease } from '../release/build-release.ts'
import { staticProblems } from '../release/check-release.ts'
import { buildGradescopeZip } from '../release/gradescope.ts'

const work = mkdtempSync(path.join(os.tmpdir(), 'course-release-spec-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('student release', () => {
  const release = buildRelease(path.join(work, 'release'))

  it('holds the stubs, tests and lessons but nothing of the answer key or the hidden tests', () => {
    expect(release.files).toContain('exercises/01-limits/limits.ts')
    expect(release.files).toContain('exercises/01-limits/README.md')
    expect(release.files).toContain('.github/workflows/classroom.yml')
    expect(release.files.some((f) => f.startsWith('solutions/'))).toBe(false)
    expect(release.hiddenTestsLeftOut).toContain('exercises/01-limits/limits.hidden.test.ts')
    expect(staticProblems(release.out)).toEqual([])
  })

  it('the check finds an answer-key file, a hidden test and a hidden manifest entry smuggled in', () => {
    const copy = path.join(work, 'smuggled')
    cpSync(release.out, copy, { recursive: true })
    copyFileSync(path.join(SOLUTIONS_DIR, '01-limits', 'limits.ts'), path.join(copy, 'exercises', '01-limits', 'limits.ts'))
    copyFileSync(path.join(EXERCISES_DIR, '01-limits', 'limits.hidden.test.ts'), path.join(copy, 'exercises', '01-limits', 'limits.hidden.test.ts'))
    copyFileSync(path.join(EXERCISES_DIR, '01-limits', 'manifest.json'), path.join(copy, 'exercises', '01-limits', 'manifest.json'))
    const problems = staticProblems(copy).join('\n')
    expect(problems).toMatch(/limits\.ts is the answer key's 01-limits\/limits\.ts/)
    expect(problems).toMatch(/a hidden test is in the release/)
    expect(problems).toMatch(/still lists hidden tests: limit\.classics/)
  })

  it("keeps only the students' scripts and packages, and every script the workflow runs exists", () => {
    const pkg = JSON.parse(readFileSync(path.join(release.out, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string>; optionalDependencies?: Record<string, string> }
    expect(Object.keys(pkg.scripts).sort()).toEqual(['report', 'test', 'typecheck', 'watch'])
    const workflow = parse(readFileSync(path.join(release.out, '.github', 'workflows', 'classroom.yml'), 'utf8')) as Workflow
    for (const name of npmScripts(workflow)) expect(pkg.scripts, `the workflow runs "npm run ${name}"`).toHaveProperty(name)
    for (const maintainers of ['@stryker-mutator/core', '@stryker-mutator/vitest-runner', 'playwright-core', 'axe-core']) {
      expect(pkg.devDependencies).not.toHaveProperty(maintainers)
      expect(release.packagesLeftOut).toContain(maintainers)
    }
    // The lockfile is the course's, pruned to what the release installs: the same versions, nothing unreachable.
    const lock = JSON.parse(readFileSync(path.join(release.out, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; optional?: boolean }> }
    const courseLock = JSON.parse(readFileSync(path.join(COURSE_ROOT, 'package-lock.json'), 'utf8')) as typeof lock
    expect(lock.packages['']).toMatchObject({ devDependencies: pkg.devDependencies })
    for (const name of Object.keys(pkg.devDependencies)) expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(courseLock.packages[`node_modules/${name}`]?.version)
    expect(Object.keys(lock.packages).some((k) => k.endsWith('node_modules/playwright-core'))).toBe(false)
    expect(Object.keys(lock.packages).length).toBeLessThan(Object.keys(courseLock.packages).length)
    // No native TensorFlow: grading cannot load it, and its install downloads libtensorflow.
    expect(pkg.optionalDependencies).toBeUndefined()
    expect(lock.packages['node_modules/@tensorflow/tfjs-node']).toBeUndefined()
    for (const name of Object.keys(pkg.devDependencies)) expect(lock.packages[`node_modules/${name}`]?.optional, name).toBeFalsy()
    // The teacher's batch grader and the maintainers' tests stay with the course.
    for (const file of ['grader/cli/grade.ts', 'tools/sample-class.ts', 'tools/verify.ts', 'grader/tests/release.spec.ts', 'reference/oracles/mnist.spec.ts']) expect(release.files).not.toContain(file)
  })
})

interface Workflow {
  name: string
  on: Record<string, unknown>
  jobs: Record<string, { name?: string; if?: string; steps: { run?: string; uses?: string; id?: string; env?: Record<string, string>; with?: Record<string, unknown> }[] }>
}

const npmScripts = (workflow: Workflow) =>
  Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => [...(step.run ?? '').matchAll(/npm run (\w[\w:-]*)/g)].map((m) => m[1]!)))

describe('workflows', () => {
  it('the course repository runs .ci/run on pushes and pull requests', () => {
    const workflow = parse(readFileSync(path.join(COURSE_ROOT, '.github', 'workflows', 'verify.yml'), 'utf8')) as Workflow
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run).filter(Boolean))
    expect(runs).toContain('.ci/run')
    expect(statSync(path.join(COURSE_ROOT, '.ci', 'run')).mode & 0o111).not.toBe(0)
    expect(readFileSync(path.join(COURSE_ROOT, '.ci', 'run'), 'utf8')).toMatch(/npm ci[\s\S]*npm run verify/)
  })

  it("the release's Classroom workflow follows GitHub Classroom's template: one run per push, not for the bot's first commit", () => {
    const workflow = parse(readFileSync(path.join(COURSE_ROOT, 'tools', 'release', 'template', 'classroom.yml'), 'utf8')) as Workflow
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'repository_dispatch']))
    expect(Object.keys(workflow.on)).not.toContain('pull_request') // a push to a pull request's branch would run twice
    const job = Object.values(workflow.jobs)[0]!
    expect(job.if).toMatch(/github\.actor != 'github-classroom\[bot\]'/)
    expect(job.name).toBe('Autograding Tests')
    const grade = job.steps.find((s) => s.id === 'course')!
    expect(grade.run).toMatch(/GITHUB_STEP_SUMMARY/)
    expect(grade.run).toMatch(/--classroom reports\/ci\/classroom\.json/)
    expect(grade.run).toMatch(/base64 -w0 reports\/ci\/classroom\.json/)
    expect(grade.env?.COURSE_SECRET).toBe('${{ secrets.COURSE_SECRET }}')
    expect(grade.env?.COURSE_STUDENT_ID).toBe('${{ github.repository }}')
    expect(job.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true)
    const reporter = job.steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter'))!
    expect(reporter.with?.runners).toBe('course')
    expect(reporter.env?.COURSE_RESULTS).toContain('steps.course.outputs.result')
  })
})

describe('Gradescope autograder', () => {
  const zipFile = path.join(work, 'autograder.zip')
  const root = path.join(work, 'autograder')
  const SECRET = 'the course secret of this test, 40 chars.'

  it('the zip unpacks into /autograder/source with an executable run_autograder and setup.sh, and the course secret', async () => {
    buildGradescopeZip(zipFile, { secret: { value: SECRET, source: 'the test' } })
    const modes = await extract(zipFile, path.join(root, 'source'))
    expect(modes.get('run_autograder')! & 0o111).not.toBe(0)
    expect(modes.get('setup.sh')! & 0o111).not.toBe(0)
    expect(modes.has('exercises/01-limits/limits.hidden.test.ts')).toBe(true)
    expect(modes.has('grader/cli/gradescope-run.ts')).toBe(true)
    expect(modes.has('.secret/course-secret')).toBe(true)
    expect([...modes.keys()].some((f) => f.startsWith('solutions/') || f.endsWith('.spec.ts'))).toBe(false)
    // The zip installs the student release's packages: no maintainers' tools, no native TensorFlow.
    const pkg = JSON.parse(readFileSync(path.join(root, 'source', 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; optionalDependencies?: unknown }
    expect(pkg.devDependencies).not.toHaveProperty('@stryker-mutator/core')
    expect(pkg.devDependencies).not.toHaveProperty('playwright-core')
    expect(pkg.optionalDependencies).toBeUndefined()
  })

  type Results = { score: number; output: string; extra_data: { seed: number; total: number; max: number }; tests: { name: string; score: number; max_score: number; visibility: string; status: string; output: string }[] }
  const files = (from: string, topics: string[]) =>
    topics.flatMap((topic) => readdirSync(path.join(from, topic)).filter((n) => n.endsWith('.ts') && !/\.(test|d)\.ts$/.test(n)).map((name) => ({ topic, name, data: readFileSync(path.join(from, topic, name)) })))
  const LAYOUTS: Record<string, (f: { topic: string; name: string }) => string> = {
    'loose files': (f) => f.name,
    'a folder per topic': (f) => `${f.topic}/${f.name}`,
    'a whole repository': (f) => `exercises/${f.topic}/${f.name}`,
  }

  /** Puts a submission into /autograder/submission as Gradescope does (a zip stays a zip) and runs run_autograder. */
  function runAutograder(entries: { name: string; data: Buffer }[], options: { zip?: boolean; topics?: string; user?: number }): Results {
    // setup.sh would `npm ci`; the course's own node_modules stand in for it here.
    if (!existsSync(path.join(root, 'source', 'node_modules'))) symlinkSync(path.join(COURSE_ROOT, 'node_modules'), path.join(root, 'source', 'node_modules'))
    for (const dir of ['submission', 'results']) rmSync(path.join(root, dir), { recursive: true, force: true })
    mkdirSync(path.join(root, 'submission'), { recursive: true })
    if (options.zip) writeFileSync(path.join(root, 'submission', 'submission.zip'), buildZip(entries.map((e) => ({ ...e, deflate: true }))))
    else for (const e of entries) {
      mkdirSync(path.dirname(path.join(root, 'submission', e.name)), { recursive: true })
      writeFileSync(path.join(root, 'submission', e.name), e.data)
    }
    writeFileSync(path.join(root, 'submission_metadata.json'), JSON.stringify({ id: 1, users: [{ id: options.user ?? 101, email: 'amy@uni.example', name: 'Amy' }] }))
    const env: NodeJS.ProcessEnv = { ...process.env, AUTOGRADER_ROOT: root, COURSE_SECRET: '', COURSE_SECRET_FILE: '' }
    if (options.topics) env.COURSE_TOPICS = options.topics
    else delete env.COURSE_TOPICS
    const result = spawnSync('bash', [path.join(root, 'source', 'run_autograder')], { env, encoding: 'utf8' })
    expect(result.status, result.stderr).toBe(0)
    return JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as Results
  }
  const maxOf = (topics: string[]) => topics.reduce((s, t) => s + maxPoints(loadManifest(t)), 0)
  const seeds = new Map<string, number>()

  for (const [layout, place] of Object.entries(LAYOUTS)) {
    for (const zip of [false, true]) {
      it(`run_autograder grades ${layout}${zip ? ' in a zip' : ''}: a mix of the answer key (01) and a stub (03)`, { timeout: 300_000 }, () => {
        const entries = [...files(SOLUTIONS_DIR, ['01-limits']), ...files(EXERCISES_DIR, ['03-matrices'])].map((f) => ({ name: place(f), data: f.data }))
        const results = runAutograder(entries, { zip, topics: '01,03' })
        expect(results.tests.reduce((s, t) => s + t.max_score, 0)).toBe(maxOf(['01-limits', '03-matrices']))
        expect(results.score).toBe(maxOf(['01-limits']))
        expect(results.tests.filter((t) => t.name.startsWith('03-matrices')).every((t) => t.score === 0)).toBe(true)
        seeds.set(`${layout}${zip}`, results.extra_data.seed)
      })
    }
  }

  it('every layout and resubmission of one student is graded with the same seed from the course secret; another student gets another', { timeout: 300_000 }, () => {
    expect(new Set(seeds.values()).size).toBe(1)
    const entries = files(EXERCISES_DIR, ['01-limits']).map((f) => ({ name: f.name, data: f.data }))
    const other = runAutograder(entries, { topics: '01', user: 202 })
    expect(other.extra_data.seed).not.toBe([...seeds.values()][0])
    expect(other.output).toMatch(new RegExp(`seed ${other.extra_data.seed}, derived from the course secret`))
    expect(other.output).not.toContain(SECRET)
    expect(other.score).toBe(0)
  })

  it('run_autograder grades every topic of the answer key uploaded as loose files: full marks, hidden tests held back from what the student sees', { timeout: 600_000 }, () => {
    const topics = topicsIn()
    const results = runAutograder(files(SOLUTIONS_DIR, topics).map((f) => ({ name: f.name, data: f.data })), {})
    const max = maxOf(topics)
    expect(results.score).toBe(max)
    expect(results.tests.reduce((s, t) => s + t.max_score, 0)).toBe(max)
    const hidden = topics.flatMap((t) => Object.values(loadManifest(t).tests).filter((x) => x.hidden))
    const visibleMax = max - hidden.reduce((s, x) => s + x.points, 0)
    expect(hidden.length).toBeGreaterThan(0)
    expect(results.tests.filter((t) => t.visibility !== 'visible').length).toBe(hidden.length)
    expect(results.output).toContain(`Visible tests: ${visibleMax}/${visibleMax} points`)
    expect(results.output).not.toContain(`/${max}`)
    expect(results.output).not.toMatch(new RegExp(`\\b${results.tests.length}\\b tests`))
    expect(results.extra_data).toMatchObject({ total: max, max })
  })

  it('setup.sh installs the pinned Node and npm from checked tarballs, then the course, and refuses a tarball that does not match', { timeout: 600_000 }, async () => {
    // A copy of its own: setup.sh runs `npm ci` in the course it is given.
    const source = path.join(work, 'setup-source')
    await extract(zipFile, source)
    const prefix = path.join(work, 'setup-prefix')
    const env = { ...process.env, SKIP_APT: '1', NODE_PREFIX: prefix, AUTOGRADER_SOURCE: source, PATH: '/usr/local/bin:/usr/bin:/bin' }
    const setup = spawnSync('bash', [path.join(source, 'setup.sh')], { env, encoding: 'utf8' })
    expect(setup.status, `${setup.stdout}\n${setup.stderr}`).toBe(0)
    const pinned = readFileSync(path.join(source, 'setup.sh'), 'utf8').match(/^NODE_VERSION=(\S+)$/m)![1]
    expect(spawnSync(path.join(prefix, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(`v${pinned}`)
    expect(setup.stdout).toMatch(new RegExp(`Node v${pinned.replace(/\./g, '\\.')}, npm \\d+`))
    expect(existsSync(path.join(source, 'node_modules', 'vitest', 'package.json'))).toBe(true)

    const tampered = path.join(work, 'setup-tampered.sh')
    writeFileSync(tampered, readFileSync(path.join(source, 'setup.sh'), 'utf8').replace(/^NODE_INTEGRITY=sha512-./m, 'NODE_INTEGRITY=sha512-X'))
    const refused = spawnSync('bash', [tampered], { env: { ...env, NODE_PREFIX: path.join(work, 'setup-tampered') }, encoding: 'utf8' })
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/does not match its pinned integrity/)
    expect(existsSync(path.join(work, 'setup-tampered', 'bin', 'node'))).toBe(false)
  })
})

describe('Node.js versions', () => {
  const engines = (JSON.parse(readFileSync(path.join(COURSE_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node
  const pins = Object.fromEntries(
    [...readFileSync(path.join(COURSE_ROOT, 'tools', 'with-node'), 'utf8').matchAll(/^(\d+) (\d+\.\d+\.\d+) sha512-/gm)].map((m) => [m[1]!, m[2]!]),
  )

  it('tools/with-node pins one version of each supported line (22, 24, 26), each inside engines', () => {
    expect(Object.keys(pins).sort()).toEqual(['22', '24', '26'])
    for (const [line, version] of Object.entries(pins)) {
      expect(version.split('.')[0]).toBe(line)
      expect(satisfies(version, engines), `${version} satisfies ${engines}`).toBe(true)
    }
    expect(satisfies('20.20.2', engines)).toBe(false)
  })

  it('every place that installs Node for the course installs a living LTS that engines accepts', () => {
    const versions: [string, string][] = []
    for (const file of ['.github/workflows/verify.yml', 'tools/release/template/classroom.yml', 'README.md']) {
      for (const m of readFileSync(path.join(COURSE_ROOT, file), 'utf8').matchAll(/node-version: (\S+?)[,\s}]/g)) versions.push([file, m[1]!])
    }
    versions.push(['setup.sh', readFileSync(path.join(COURSE_ROOT, 'tools', 'release', 'template', 'gradescope', 'setup.sh'), 'utf8').match(/^NODE_VERSION=(\S+)$/m)![1]!])
    versions.push(['.nvmrc', readFileSync(path.join(COURSE_ROOT, '.nvmrc'), 'utf8').trim()])
    expect(versions.length).toBeGreaterThanOrEqual(6)
    for (const [file, version] of versions) {
      const full = /^\d+$/.test(version) ? pins[version] : version
      expect(full, `${file}: Node ${version} is one of the pinned lines`).toBeDefined()
      expect(satisfies(full!, engines), `${file}: Node ${version} satisfies ${engines}`).toBe(true)
    }
    // The Gradescope image gets exactly the version CI tests as its main line.
    const main = readFileSync(path.join(COURSE_ROOT, '.ci', 'run'), 'utf8').match(/^MAIN=(\d+)$/m)![1]!
    expect(versions.find(([file]) => file === 'setup.sh')![1]).toBe(pins[main])
  })
})

/** Unpacks a zip as Gradescope would, keeping each file's Unix mode; returns the modes by name. */
function extract(zip: string, into: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>()
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error)
      file.on('entry', (entry: yauzl.Entry) => {
        const target = path.join(into, entry.fileName)
        const mode = (entry.externalFileAttributes >>> 16) & 0o777
        modes.set(entry.fileName, mode)
        file.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err)
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            mkdirSync(path.dirname(target), { recursive: true })
            writeFileSync(target, Buffer.concat(chunks))
            if (mode) chmodSync(target, mode)
            file.readEntry()
          })
        })
      })
      file.on('end', () => resolve(modes))
      file.readEntry()
    })
  })
}
