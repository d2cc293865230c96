// The student release, the Gradescope autograder and the workflows, checked by running them.
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import yauzl from 'yauzl'
import satisfies from 'semver/functions/satisfies.js'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { loadManifest, maxPoints } from '../manifest.ts'
import { COURSE_ROOT, EXERCISES_DIR, SOLUTIONS_DIR } from '../paths.ts'
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

  it("keeps only the students' scripts, and every script the workflow runs exists", () => {
    const scripts = (JSON.parse(readFileSync(path.join(release.out, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(Object.keys(scripts).sort()).toEqual(['grade', 'report', 'test', 'watch'])
    const workflow = parse(readFileSync(path.join(release.out, '.github', 'workflows', 'classroom.yml'), 'utf8')) as Workflow
    for (const name of npmScripts(workflow)) expect(scripts, `the workflow runs "npm run ${name}"`).toHaveProperty(name)
  })
})

interface Workflow {
  name: string
  on: Record<string, unknown>
  jobs: Record<string, { name?: string; steps: { run?: string; uses?: string; id?: string; env?: Record<string, string>; with?: Record<string, unknown> }[] }>
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

  it("the release's pull-request workflow grades, uploads the report, writes the summary and reports points", () => {
    const workflow = parse(readFileSync(path.join(COURSE_ROOT, 'grader', 'release', 'template', 'classroom.yml'), 'utf8')) as Workflow
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request']))
    const job = Object.values(workflow.jobs)[0]!
    expect(job.name).toBe('Autograding Tests') // the check run GitHub Classroom's reporter looks for
    const grade = job.steps.find((s) => s.id === 'course')!
    expect(grade.run).toMatch(/GITHUB_STEP_SUMMARY/)
    expect(grade.run).toMatch(/base64 -w0 reports\/ci\/classroom\.json/)
    expect(job.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true)
    const reporter = job.steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter'))!
    expect(reporter.with?.runners).toBe('course')
    expect(reporter.env?.COURSE_RESULTS).toContain('steps.course.outputs.result')
  })

  it('its grading command runs and writes what the reporter reads (topic 01 of the stubs)', { timeout: 300_000 }, () => {
    const out = path.join(work, 'ci')
    const result = spawnSync('npm', ['run', 'report', '--', '--out', out, '--classroom', path.join(out, 'classroom.json'), '--topics', '01'], { cwd: COURSE_ROOT, encoding: 'utf8' })
    expect(result.status, result.stderr).toBe(0)
    expect(existsSync(path.join(out, 'summary.md'))).toBe(true)
    // What the workflow does: base64-encode the file into COURSE_RESULTS; the reporter decodes it.
    const decoded = JSON.parse(Buffer.from(readFileSync(path.join(out, 'classroom.json')).toString('base64'), 'base64').toString('utf8')) as {
      status: string
      max_score: number
      tests: { name: string; status: string; score: number }[]
    }
    expect(decoded.status).toBe('fail')
    expect(decoded.max_score).toBe(maxPoints(loadManifest('01-limits')))
    expect(decoded.tests.length).toBe(Object.keys(loadManifest('01-limits').tests).length)
    expect(decoded.tests.every((t) => t.status === 'fail' && t.score === 0)).toBe(true)
    expect(result.stdout).toMatch(/report: .*report\.html/)
  })
})

describe('Gradescope autograder', () => {
  const zipFile = path.join(work, 'autograder.zip')
  const root = path.join(work, 'autograder')

  it('the zip unpacks into /autograder/source with an executable run_autograder and setup.sh', async () => {
    buildGradescopeZip(zipFile)
    const modes = await extract(zipFile, path.join(root, 'source'))
    expect(modes.get('run_autograder')! & 0o111).not.toBe(0)
    expect(modes.get('setup.sh')! & 0o111).not.toBe(0)
    expect(modes.has('exercises/01-limits/limits.hidden.test.ts')).toBe(true)
    expect([...modes.keys()].some((f) => f.startsWith('solutions/'))).toBe(false)
  })

  for (const [who, from, expected] of [['the answer key', SOLUTIONS_DIR, 'full'], ['the stubs', EXERCISES_DIR, 'zero']] as const) {
    it(`run_autograder writes results.json for ${who} (${expected === 'full' ? 'full marks' : '0 points'})`, { timeout: 300_000 }, () => {
      // setup.sh would `npm ci`; the course's own node_modules stand in for it here.
      if (!existsSync(path.join(root, 'source', 'node_modules'))) symlinkSync(path.join(COURSE_ROOT, 'node_modules'), path.join(root, 'source', 'node_modules'))
      rmSync(path.join(root, 'submission'), { recursive: true, force: true })
      rmSync(path.join(root, 'results'), { recursive: true, force: true })
      cpSync(path.join(from, '01-limits'), path.join(root, 'submission', 'exercises', '01-limits'), { recursive: true, filter: (f) => !f.endsWith('.test.ts') })
      const result = spawnSync('bash', [path.join(root, 'source', 'run_autograder')], { env: { ...process.env, AUTOGRADER_ROOT: root, COURSE_TOPICS: '01' }, encoding: 'utf8' })
      expect(result.status, result.stderr).toBe(0)
      const results = JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as { score: number; tests: { score: number; max_score: number; visibility: string; status: string }[] }
      const max = results.tests.reduce((s, t) => s + t.max_score, 0)
      expect(max).toBe(maxPoints(loadManifest('01-limits')))
      expect(results.score).toBe(expected === 'full' ? max : 0)
      expect(results.tests.filter((t) => t.visibility !== 'visible').length).toBe(Object.values(loadManifest('01-limits').tests).filter((t) => t.hidden).length)
    })
  }

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
    for (const file of ['.github/workflows/verify.yml', 'grader/release/template/classroom.yml', 'README.md']) {
      for (const m of readFileSync(path.join(COURSE_ROOT, file), 'utf8').matchAll(/node-version: (\S+?)[,\s}]/g)) versions.push([file, m[1]!])
    }
    versions.push(['setup.sh', readFileSync(path.join(COURSE_ROOT, 'grader', 'release', 'template', 'gradescope', 'setup.sh'), 'utf8').match(/^NODE_VERSION=(\S+)$/m)![1]!])
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
