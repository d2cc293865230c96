// Answer key for 03-matrices.

export type Vector = readonly number[]
export type Matrix = readonly (readonly number[])[]

const isMatrixLike = (a: Vector | Matrix): a is Matrix => Array.isArray(a[0])

function requireVector(name: string, u: Vector): void {
  if (!Array.isArray(u)) throw new TypeError(`${name} must be an array of numbers`)
  if (u.length === 0) throw new RangeError(`${name} is empty; a vector needs at least one entry`)
  if (u.some((ui) => typeof ui !== 'number')) throw new TypeError(`${name} must contain only numbers`)
}

/** Checks A is a non-empty rectangular matrix of numbers and returns its shape [rows, columns]. */
function shape(name: string, A: Matrix): [number, number] {
  if (!Array.isArray(A) || !A.every(Array.isArray)) throw new TypeError(`${name} must be an array of rows`)
  if (A.length === 0 || A[0]!.length === 0) throw new RangeError(`${name} is empty; a matrix needs at least one row and one column`)
  const m = A[0]!.length
  A.forEach((row, i) => {
    if (row.length !== m) throw new RangeError(`${name} is ragged: row 0 has ${m} entries but row ${i} has ${row.length}`)
    if (row.some((v) => typeof v !== 'number')) throw new TypeError(`${name} must contain only numbers (row ${i})`)
  })
  return [A.length, m]
}

const showShape = ([n, m]: [number, number]) => `${n}×${m}`

export function dot(u: Vector, v: Vector): number {
  requireVector('u', u)
  requireVector('v', v)
  if (u.length !== v.length) throw new RangeError(`dot: u has length ${u.length} but v has length ${v.length}`)
  let sum = 0
  for (let i = 0; i < u.length; i++) sum += u[i]! * v[i]!
  return sum
}

export function add(u: Vector, v: Vector): number[]
export function add(A: Matrix, B: Matrix): number[][]
export function add(a: Vector | Matrix, b: Vector | Matrix): number[] | number[][] {
  if (Array.isArray(a) && Array.isArray(b) && isMatrixLike(a) !== isMatrixLike(b)) {
    throw new TypeError('add: cannot add a vector and a matrix')
  }
  if (isMatrixLike(a)) {
    const B = b as Matrix
    const [sa, sb] = [shape('A', a), shape('B', B)]
    if (sa[0] !== sb[0] || sa[1] !== sb[1]) throw new RangeError(`add: A is ${showShape(sa)} but B is ${showShape(sb)}; they must have one shape`)
    return a.map((row, i) => row.map((x, j) => x + B[i]![j]!))
  }
  const [u, v] = [a as Vector, b as Vector]
  requireVector('u', u)
  requireVector('v', v)
  if (u.length !== v.length) throw new RangeError(`add: u has length ${u.length} but v has length ${v.length}`)
  return u.map((x, i) => x + v[i]!)
}

export function scale(k: number, u: Vector): number[]
export function scale(k: number, A: Matrix): number[][]
export function scale(k: number, a: Vector | Matrix): number[] | number[][] {
  if (typeof k !== 'number') throw new TypeError('scale: k must be a number')
  if (isMatrixLike(a)) {
    shape('A', a)
    return a.map((row) => row.map((x) => k * x))
  }
  requireVector('u', a as Vector)
  return (a as Vector).map((x) => k * x)
}

export function transpose(A: Matrix): number[][] {
  const [n, m] = shape('A', A)
  return Array.from({ length: m }, (_, j) => Array.from({ length: n }, (_, i) => A[i]![j]!))
}

export function matmul(A: Matrix, B: Matrix): number[][] {
  const [n, m] = shape('A', A)
  const [m2, k] = shape('B', B)
  if (m !== m2) throw new RangeError(`matmul: A is ${showShape([n, m])} but B is ${showShape([m2, k])}; A needs as many columns as B has rows`)
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let sum = 0
      for (let l = 0; l < m; l++) sum += A[i]![l]! * B[l]![j]!
      return sum
    }),
  )
}

export function matvec(A: Matrix, v: Vector): number[] {
  const [n, m] = shape('A', A)
  requireVector('v', v)
  if (v.length !== m) throw new RangeError(`matvec: A is ${showShape([n, m])} but v has length ${v.length}; it needs ${m}`)
  return A.map((row) => dot(row, v))
}

export function identity(n: number): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`identity: the size n must be an integer ≥ 1, got ${n}`)
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)))
}
