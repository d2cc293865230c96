// mathjs for the oracles, loaded from the single-file build the package ships (the same library and
// version): Node reads it in about 0.2 s, against 2–3 s for the thousand small modules of its ESM
// entry, a cost every test file paid at start-up (npm run bench: watch-mode re-runs).
import { createRequire } from 'node:module'
import type { MathJsInstance } from 'mathjs'

const require = createRequire(import.meta.url)

export const math = require('mathjs/lib/browser/math.js') as MathJsInstance
