/**
 * Plain for-loops into preallocated arrays (no map, every or reduce), with the shape checks written inline and matmul in i-l-j loop order.
 * @replaces 03-matrices/matrices.ts
 */
export type Vector = readonly number[]
export type Matrix = readonly (readonly number[])[]

function vectorLength(name: string, u: Vector): number {
  if (!Array.isArray(u)) throw new TypeError(name + ' is not an array')
  if (u.length < 1) throw new RangeError(name + ' has no entries')
  return u.length
}

function rowsAndColumns(name: string, A: Matrix): { rows: number; cols: number } {
  if (!Array.isArray(A)) throw new TypeError(name + ' is not an array of rows')
  if (A.length < 1) throw new RangeError(name + ' has no rows')
  let cols = -1
  for (let i = 0; i < A.length; i++) {
    const row = A[i]
    if (!Array.isArray(row)) throw new TypeError(name + ' row ' + i + ' is not an array')
    if (i === 0) cols = row.length
    else if (row.length !== cols) throw new RangeError(name + ' row ' + i + ' has ' + row.length + ' entries, row 0 has ' + cols)
  }
  if (cols < 1) throw new RangeError(name + ' has empty rows')
  return { rows: A.length, cols }
}

export function dot(u: Vector, v: Vector): number {
  const n = vectorLength('u', u)
  if (vectorLength('v', v) !== n) throw new RangeError('dot needs vectors of one length: u has ' + n + ', v has ' + v.length)
  let total = 0
  for (let i = 0; i < n; i++) total += u[i]! * v[i]!
  return total
}

function bothMatrices(a: Vector | Matrix, b: Vector | Matrix): boolean {
  const am = Array.isArray(a) && a.length > 0 && Array.isArray(a[0])
  const bm = Array.isArray(b) && b.length > 0 && Array.isArray(b[0])
  if (am !== bm && Array.isArray(a) && Array.isArray(b) && a.length > 0 && b.length > 0) throw new TypeError('add cannot mix a vector with a matrix')
  return am
}

export function add(u: Vector, v: Vector): number[]
export function add(A: Matrix, B: Matrix): number[][]
export function add(a: Vector | Matrix, b: Vector | Matrix): number[] | number[][] {
  if (bothMatrices(a, b)) {
    const A = a as Matrix
    const B = b as Matrix
    const sa = rowsAndColumns('A', A)
    const sb = rowsAndColumns('B', B)
    if (sa.rows !== sb.rows || sa.cols !== sb.cols) throw new RangeError(`add: A is ${sa.rows}×${sa.cols}, B is ${sb.rows}×${sb.cols}`)
    const out: number[][] = new Array(sa.rows)
    for (let i = 0; i < sa.rows; i++) {
      const row = new Array<number>(sa.cols)
      for (let j = 0; j < sa.cols; j++) row[j] = A[i]![j]! + B[i]![j]!
      out[i] = row
    }
    return out
  }
  const u = a as Vector
  const v = b as Vector
  const n = vectorLength('u', u)
  if (vectorLength('v', v) !== n) throw new RangeError('add needs vectors of one length: u has ' + n + ', v has ' + v.length)
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) out[i] = u[i]! + v[i]!
  return out
}

export function scale(k: number, u: Vector): number[]
export function scale(k: number, A: Matrix): number[][]
export function scale(k: number, a: Vector | Matrix): number[] | number[][] {
  if (Array.isArray(a) && a.length > 0 && Array.isArray(a[0])) {
    const A = a as Matrix
    const { rows, cols } = rowsAndColumns('A', A)
    const out: number[][] = new Array(rows)
    for (let i = 0; i < rows; i++) {
      out[i] = new Array<number>(cols)
      for (let j = 0; j < cols; j++) out[i]![j] = k * A[i]![j]!
    }
    return out
  }
  const u = a as Vector
  const n = vectorLength('u', u)
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) out[i] = k * u[i]!
  return out
}

export function transpose(A: Matrix): number[][] {
  const { rows, cols } = rowsAndColumns('A', A)
  const out: number[][] = new Array(cols)
  for (let j = 0; j < cols; j++) {
    out[j] = new Array<number>(rows)
    for (let i = 0; i < rows; i++) out[j]![i] = A[i]![j]!
  }
  return out
}

export function matmul(A: Matrix, B: Matrix): number[][] {
  const a = rowsAndColumns('A', A)
  const b = rowsAndColumns('B', B)
  if (a.cols !== b.rows) throw new RangeError(`matmul: A is ${a.rows}×${a.cols} and B is ${b.rows}×${b.cols}; A's columns must equal B's rows`)
  const out: number[][] = new Array(a.rows)
  for (let i = 0; i < a.rows; i++) {
    const row = new Array<number>(b.cols).fill(0)
    for (let l = 0; l < a.cols; l++) {
      const ail = A[i]![l]!
      for (let j = 0; j < b.cols; j++) row[j] = row[j]! + ail * B[l]![j]!
    }
    out[i] = row
  }
  return out
}

export function matvec(A: Matrix, v: Vector): number[] {
  const { rows, cols } = rowsAndColumns('A', A)
  if (vectorLength('v', v) !== cols) throw new RangeError(`matvec: A has ${cols} columns but v has length ${v.length}`)
  const out = new Array<number>(rows)
  for (let i = 0; i < rows; i++) {
    let s = 0
    for (let j = 0; j < cols; j++) s += A[i]![j]! * v[j]!
    out[i] = s
  }
  return out
}

export function identity(n: number): number[][] {
  if (typeof n !== 'number' || !(n >= 1) || n !== Math.floor(n) || n === Infinity) throw new RangeError('identity(n) needs a whole number n ≥ 1, got ' + n)
  const out: number[][] = new Array(n)
  for (let i = 0; i < n; i++) {
    out[i] = new Array<number>(n).fill(0)
    out[i]![i] = 1
  }
  return out
}
