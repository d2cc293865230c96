// Runs before every npm script of the course: stops at once, with what to do, on a Node.js that the
// course does not support (package.json's `engines`), instead of an obscure error deep in vitest.
// Plain JavaScript with no imports but Node's and semver's, so that it runs on any Node.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const range = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).engines.node
let satisfies
try {
  satisfies = require('semver/functions/satisfies')
} catch {
  console.error('The course is not installed yet: run `npm install` (or `npm ci`) first.')
  process.exit(1)
}
if (!satisfies(process.versions.node, range)) {
  console.error(
    `This course needs Node.js ${range.replace(/\s*\|\|\s*/g, ' or ')}; this is Node.js ${process.versions.node} (${process.execPath}).\n` +
      'Install a current LTS (24 is recommended) from https://nodejs.org or with your version manager (e.g. `nvm install 24`),\n' +
      'check it with `node --version`, then run `npm ci` again.',
  )
  process.exit(1)
}
