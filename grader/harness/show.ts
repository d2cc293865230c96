// Turns values into text for failure messages: exact numbers (so a counterexample can be typed
// back in), matrices one row per line, functions by their description, long values cut short.
import fc from 'fast-check'

const MAX_CHARS = 1500

/** Prose standing in for a value in a failure message, e.g. `|f(x) − L| < 0.01`; shown unquoted. */
export class Prose {
  constructor(readonly text: string) {}
}
export const prose = (text: string) => new Prose(text)

export function show(value: unknown): string {
  if (value instanceof Prose) return value.text
  const text = isMatrix(value) && value.length > 1 ? showMatrix(value) : fc.stringify(value)
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)} … (${text.length - MAX_CHARS} more characters)` : text
}

function isMatrix(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row) && !row.some(Array.isArray))
}

function showMatrix(rows: unknown[][]): string {
  const cells = rows.map((row) => row.map((x) => fc.stringify(x)))
  const width = Math.max(...cells.flat().map((c) => c.length))
  return `[\n${cells.map((row) => `  [${row.map((c) => c.padStart(width)).join(', ')}]`).join(',\n')}\n]`
}

/** `{ a: 1, b: [2] }` as indented `a = 1` lines, the way a counterexample reads best. */
export function showNamed(values: Record<string, unknown>, indent = '    '): string {
  return Object.entries(values)
    .map(([name, value]) => `${indent}${name} = ${show(value).replaceAll('\n', `\n${indent}  `)}`)
    .join('\n')
}
