/**
 * Everything through two helpers, zipWith and a reduce-based dot: matmul takes Bᵀ first and dots A's rows with its rows, matvec is matmul with a column, identity compares keys.
 * @replaces 03-matrices/matrices.ts
 */
export type Vector = readonly number[]
export type Matrix = readonly (readonly number[])[]

const isMatrix = (a: unknown): a is Matrix => Array.isArray(a) && a.length > 0 && a.every(Array.isArray)

function checkVector(label: string, u: unknown): asserts u is Vector {
  if (!Array.isArray(u) || u.some((e) => typeof e !== 'number')) throw new TypeError(`${label}: expected an array of numbers`)
  if (u.length === 0) throw new RangeError(`${label}: expected at least one entry, got an empty vector`)
}

function dims(label: string, A: unknown): [number, number] {
  if (!Array.isArray(A) || !A.every(Array.isArray)) throw new TypeError(`${label}: expected an array of rows`)
  const widths = new Set(A.map((row: unknown[]) => row.length))
  if (A.length === 0 || widths.has(0)) throw new RangeError(`${label}: expected a non-empty matrix, got ${JSON.stringify(A)}`)
  if (widths.size > 1) throw new RangeError(`${label}: rows of different lengths (${[...widths].join(', ')})`)
  return [A.length, (A[0] as unknown[]).length]
}

const zipWith = <T>(u: readonly T[], v: readonly T[], f: (p: T, q: T) => T): T[] => u.map((p, i) => f(p, v[i]!))
const sumOfProducts = (u: Vector, v: Vector): number => u.reduce((acc, ui, i) => acc + ui * v[i]!, 0)

export function dot(u: Vector, v: Vector): number {
  checkVector('dot(u, ·)', u)
  checkVector('dot(·, v)', v)
  if (u.length !== v.length) throw new RangeError(`dot: lengths ${u.length} and ${v.length} differ`)
  return sumOfProducts(u, v)
}

export function add(u: Vector, v: Vector): number[]
export function add(A: Matrix, B: Matrix): number[][]
export function add(a: Vector | Matrix, b: Vector | Matrix): number[] | number[][] {
  if (isMatrix(a) || isMatrix(b)) {
    if (!(isMatrix(a) && isMatrix(b))) throw new TypeError('add: one argument is a matrix and the other a vector')
    const [da, db] = [dims('add(A, ·)', a), dims('add(·, B)', b)]
    if (da.join() !== db.join()) throw new RangeError(`add: shapes ${da.join('×')} and ${db.join('×')} differ`)
    return zipWith<readonly number[]>(a, b, (p, q) => zipWith(p, q, (s, t) => s + t)) as number[][]
  }
  checkVector('add(u, ·)', a)
  checkVector('add(·, v)', b)
  if (a.length !== b.length) throw new RangeError(`add: lengths ${a.length} and ${b.length} differ`)
  return zipWith(a as Vector, b as Vector, (s, t) => s + t)
}

export function scale(k: number, u: Vector): number[]
export function scale(k: number, A: Matrix): number[][]
export function scale(k: number, a: Vector | Matrix): number[] | number[][] {
  if (isMatrix(a)) {
    dims('scale(k, A)', a)
    return a.map((row) => row.map((e) => k * e))
  }
  checkVector('scale(k, u)', a)
  return (a as Vector).map((e) => k * e)
}

export function transpose(A: Matrix): number[][] {
  const [, m] = dims('transpose(A)', A)
  return [...Array(m).keys()].map((j) => A.map((row) => row[j]!))
}

export function matmul(A: Matrix, B: Matrix): number[][] {
  const [n, m] = dims('matmul(A, ·)', A)
  const [p, k] = dims('matmul(·, B)', B)
  if (m !== p) throw new RangeError(`matmul: A is ${n}×${m}, B is ${p}×${k}; the inner sizes ${m} and ${p} differ`)
  const columnsOfB = transpose(B)
  return A.map((row) => columnsOfB.map((column) => sumOfProducts(row, column)))
}

export function matvec(A: Matrix, v: Vector): number[] {
  const [, m] = dims('matvec(A, ·)', A)
  checkVector('matvec(·, v)', v)
  if (v.length !== m) throw new RangeError(`matvec: A has ${m} columns, v has ${v.length} entries`)
  return matmul(A, v.map((e) => [e])).map(([e]) => e!)
}

export function identity(n: number): number[][] {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`identity: n = ${n} is not a positive whole number`)
  const keys = [...Array(n).keys()]
  return keys.map((i) => keys.map((j) => Number(i === j)))
}
