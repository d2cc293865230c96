import { describe } from 'vitest'
import fc from 'fast-check'
import { Mismatch, expectArgumentsUnchanged, expectClose, expectThrows, forAll, prose, region, regionsOn, topic, withoutRegions, type Regions } from '../../grader/harness'
import * as student from '@target/03-matrices/matrices'
import {
  type Matrix, type Vector, anyMatrix, dim, dotTolerance, dyadic, leftDistributive, linearityCase, mathjsAdd, mathjsDot,
  mathjsMatvec, mathjsMultiply, mathjsScale, mathjsTranspose, matrix, matrixAndVector, matrixPair, matvecTolerance,
  mismatchedProduct, productPair, productRegions, productTolerance, productTriple, real, rightDistributive, shapeRegions, entryRegions, vector, vectorPair, vectorRegions,
} from '../../reference/oracles/matrices'
import { accidentalError } from '../../reference/oracles/errors'

const { graded } = topic(import.meta.url)

/**
 * Entrywise sums, scalar multiples and transposes involve one rounding per entry (or none), the
 * same in every correct implementation: they must agree with mathjs exactly. The laws use entries
 * that are multiples of 1/4, on which every product and sum here is exact (see `dyadic`).
 */
const EXACT = { abs: 0, rel: 0 }

/** A scalar: 0 and ±1 on purpose, else any double in [−10, 10]. */
const scalar = fc.oneof(fc.constantFrom(0, 1, -1), real)
const scalarRegions: Regions<number> = { 'k = 0': region(5, (k) => k === 0), 'k < 0': region(15, (k) => k < 0) }
/** u's regions for a pair of vectors. */
const pairRegions: Regions<{ u: Vector; v: Vector }> = { ...regionsOn('u', vectorRegions), ...regionsOn('v', withoutRegions(entryRegions, 'an entry not exact in float32')) }
/** Both orders of a size mismatch. */
const mismatchRegions = <T,>(first: (t: T) => number, second: (t: T) => number): Regions<T> => ({
  'the first longer': region(3, (t) => first(t) > second(t)),
  'the second longer': region(3, (t) => first(t) < second(t)),
})

const shapeText = (A: Matrix) => `${A.length}×${A[0]?.length ?? 0}`

/**
 * Bad input must raise a RangeError or TypeError with a message, and not by accident: a TypeError
 * from reading past the end of an array ("Cannot read properties of undefined") does not count.
 */
function expectShapeError(what: string, call: () => unknown): void {
  expectThrows(what, call)
  try {
    call()
  } catch (error) {
    const why = accidentalError(error)
    if (why) {
      throw new Mismatch(
        `${what} crashed (${why}) instead of checking the shapes`,
        prose('a RangeError whose message names the shapes, e.g. "A is 2×3 but B is 2×2"'),
        prose(`${(error as Error).name}: ${(error as Error).message}`),
      )
    }
  }
}

describe('vectors: dot, add, scale', () => {
  graded('dot.oracle', 'dot(u, v) agrees with mathjs dot (within the rounding of a sum of d products)', () => {
    forAll({ pair: vectorPair(real) }, ({ pair: { u, v } }) =>
      expectClose('dot(u, v)', student.dot(u, v), mathjsDot(u, v), { abs: dotTolerance(u, v), rel: 0 }),
    { regions: regionsOn('pair', pairRegions) })
  })
  graded('dot.mismatch', 'dot(u, v) of vectors of different lengths throws', () => {
    expectShapeError('dot([1, 2, 3], [4, 5])', () => student.dot([1, 2, 3], [4, 5]))
    expectShapeError('dot([1, 2], [3, 4, 5])', () => student.dot([1, 2], [3, 4, 5]))
    const unequal = fc.tuple(dim, dim).filter(([n, m]) => n !== m).chain(([n, m]) => fc.record({ u: vector(n, dyadic), v: vector(m, dyadic) }))
    forAll({ pair: unequal }, ({ pair: { u, v } }) => expectShapeError(`dot(u, v) with lengths ${u.length} and ${v.length}`, () => student.dot(u, v)), {
      numRuns: 30,
      regions: regionsOn('pair', mismatchRegions((p: { u: Vector; v: Vector }) => p.u.length, (p) => p.v.length)),
    })
  })
  graded('add.oracle', 'add(u, v) and add(A, B) agree with mathjs add, entry by entry, for vectors and for matrices', () => {
    forAll({ vectors: vectorPair(real), matrices: matrixPair(real) }, ({ vectors: { u, v }, matrices: { A, B } }) => {
      expectClose('add(u, v)', student.add(u, v), mathjsAdd(u, v), EXACT)
      expectClose(`add(A, B) for ${shapeText(A)} matrices`, student.add(A, B), mathjsAdd(A, B), EXACT)
    }, { regions: { ...regionsOn('vectors', pairRegions), ...regionsOn('matrices', regionsOn('A', shapeRegions)) } })
  })
  graded('add.mismatch', 'add of vectors of different lengths, matrices of different shapes, or a vector and a matrix throws', () => {
    expectShapeError('add([1, 2, 3], [4, 5])', () => student.add([1, 2, 3], [4, 5]))
    expectShapeError('add([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4], [5, 6]])', () => student.add([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4], [5, 6]]))
    expectShapeError('add([[1, 2]], [[1, 2], [3, 4]])', () => student.add([[1, 2]], [[1, 2], [3, 4]]))
    expectShapeError('add([[1, 2], [3, 4]], [[1, 2]])', () => student.add([[1, 2], [3, 4]], [[1, 2]]))
    expectShapeError('add([[1, 2], [3, 4]], [[1], [3]])', () => student.add([[1, 2], [3, 4]], [[1], [3]]))
    expectShapeError('add([1, 2], [[1, 2]])', () => student.add([1, 2] as unknown as Matrix, [[1, 2]]))
    expectShapeError('add([[1, 2]], [1, 2])', () => student.add([[1, 2]], [1, 2] as unknown as Matrix))
  })
  graded('scale.oracle', 'scale(k, u) and scale(k, A) agree with mathjs multiply(k, ·), for vectors and for matrices', () => {
    forAll({ k: scalar, u: fc.constantFrom(1, 2, 5).chain((n) => vector(n)), A: anyMatrix(real) }, ({ k, u, A }) => {
      expectClose(`scale(${k}, u)`, student.scale(k, u), mathjsScale(k, u), EXACT)
      expectClose(`scale(${k}, A) for a ${shapeText(A)} matrix`, student.scale(k, A), mathjsScale(k, A), EXACT)
    }, { regions: { ...regionsOn('k', scalarRegions), ...regionsOn('u', vectorRegions), ...regionsOn('A', shapeRegions) } })
  })
})

describe('matrices: transpose, matmul, matvec, identity', () => {
  graded('transpose.oracle', 'transpose(A) agrees with mathjs transpose: an n×m matrix becomes m×n', () => {
    forAll({ A: anyMatrix(real) }, ({ A }) => expectClose(`transpose(A) of a ${shapeText(A)} matrix`, student.transpose(A), mathjsTranspose(A), EXACT), { regions: regionsOn('A', shapeRegions) })
  })
  graded('matmul.oracle', 'matmul(A, B) agrees with mathjs multiply on random shapes n×m · m×k (non-square included)', () => {
    forAll({ pair: productPair(real) }, ({ pair: { A, B } }) =>
      expectClose(`matmul(A, B) for ${shapeText(A)} · ${shapeText(B)}`, student.matmul(A, B), mathjsMultiply(A, B), { abs: productTolerance(A, B), rel: 0 }),
    { regions: regionsOn('pair', productRegions) })
  })
  graded('matmul.mismatch', 'matmul(A, B) throws when A has not as many columns as B has rows', () => {
    expectShapeError('matmul([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4]])', () => student.matmul([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4]]))
    expectShapeError('matmul([[1, 2], [3, 4]], [[1, 2], [3, 4], [5, 6]])', () => student.matmul([[1, 2], [3, 4]], [[1, 2], [3, 4], [5, 6]]))
    forAll({ pair: mismatchedProduct }, ({ pair: { A, B } }) => expectShapeError(`matmul(A, B) for ${shapeText(A)} · ${shapeText(B)}`, () => student.matmul(A, B)), {
      numRuns: 50,
      regions: regionsOn('pair', mismatchRegions((p: { A: Matrix; B: Matrix }) => p.A[0]!.length, (p) => p.B.length)),
    })
  })
  graded('matvec.oracle', 'matvec(A, v) agrees with mathjs multiply(A, v): an n×m matrix times a length-m vector has length n', () => {
    forAll({ input: matrixAndVector(real) }, ({ input: { A, v } }) =>
      expectClose(`matvec(A, v) for a ${shapeText(A)} matrix`, student.matvec(A, v), mathjsMatvec(A, v), { abs: matvecTolerance(A, v), rel: 0 }),
    { regions: regionsOn<'input', { A: Matrix; v: Vector }>('input', { ...regionsOn('A', shapeRegions), ...regionsOn('v', withoutRegions(entryRegions, 'an entry 0')) }) })
  })
  graded('matvec.mismatch', 'matvec(A, v) throws when v’s length is not A’s number of columns', () => {
    expectShapeError('matvec([[1, 2, 3], [4, 5, 6]], [1, 2])', () => student.matvec([[1, 2, 3], [4, 5, 6]], [1, 2]))
    expectShapeError('matvec([[1, 2], [3, 4], [5, 6]], [1, 2, 3])', () => student.matvec([[1, 2], [3, 4], [5, 6]], [1, 2, 3]))
    const wrong = fc.tuple(dim, dim, dim).filter(([, m, d]) => m !== d).chain(([n, m, d]) => fc.record({ A: matrix(n, m, dyadic), v: vector(d, dyadic) }))
    forAll({ input: wrong }, ({ input: { A, v } }) => expectShapeError(`matvec(A, v) for a ${shapeText(A)} matrix and length ${v.length}`, () => student.matvec(A, v)), {
      numRuns: 30,
      regions: regionsOn('input', mismatchRegions((i: { A: Matrix; v: Vector }) => i.A[0]!.length, (i) => i.v.length)),
    })
  })
  graded('identity.values', 'identity(n) is n×n with 1 on the diagonal and 0 elsewhere', () => {
    for (let n = 1; n <= 8; n++) {
      const expected = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)))
      expectClose(`identity(${n})`, student.identity(n), expected, EXACT)
    }
  })
  graded('identity.badSize', 'identity(n) throws unless n is an integer ≥ 1 (0, −1, 2.5, NaN, Infinity)', () => {
    for (const bad of [0, -1, 2.5, NaN, Infinity]) expectShapeError(`identity(${bad})`, () => student.identity(bad))
  })
  graded('matrices.raggedOrEmpty', 'empty vectors and matrices, and ragged matrices (rows of different lengths), are refused', () => {
    const ragged: Matrix[] = [[[1, 2], [3]], [[1], [2, 3]], [[1, 2, 3], [4, 5]]]
    const empty: Matrix[] = [[], [[]], [[], []]]
    const good = [[1, 2], [3, 4]]
    for (const R of [...ragged, ...empty]) {
      const text = JSON.stringify(R)
      expectShapeError(`transpose(${text})`, () => student.transpose(R))
      expectShapeError(`scale(2, ${text})`, () => student.scale(2, R))
      expectShapeError(`add(${text}, ${text})`, () => student.add(R, R))
      expectShapeError(`matmul(${text}, [[1, 2], [3, 4]])`, () => student.matmul(R, good))
      expectShapeError(`matmul([[1, 2], [3, 4]], ${text})`, () => student.matmul(good, R))
      expectShapeError(`matvec(${text}, [1, 2])`, () => student.matvec(R, [1, 2]))
    }
    expectShapeError('dot([], [])', () => student.dot([], []))
    expectShapeError('add([], [])', () => student.add([] as Vector, [] as Vector))
    expectShapeError('scale(2, [])', () => student.scale(2, [] as Vector))
    expectShapeError('matvec([[1, 2], [3, 4]], [])', () => student.matvec(good, []))
  })
  graded('matrices.messagesSayWhat', 'the message names the problem: both sizes that do not fit, and which argument is empty or ragged', () => {
    // Sizes are chosen all different, so each number in the message can only come from one place.
    const sizes: Array<[string, () => unknown, string[]]> = [
      ['dot([1, 2, 3], [4, 5])', () => student.dot([1, 2, 3], [4, 5]), ['3', '2']],
      ['add([1, 2, 3, 4], [5, 6])', () => student.add([1, 2, 3, 4], [5, 6]), ['4', '2']],
      ['add(A, B) for A 2×3 and B 4×3', () => student.add(ones(2, 3), ones(4, 3)), ['2', '4']],
      ['matmul(A, B) for A 4×3 and B 5×2', () => student.matmul(ones(4, 3), ones(5, 2)), ['3', '5']],
      ['matvec(A, v) for A 4×3 and v of length 5', () => student.matvec(ones(4, 3), [1, 2, 3, 4, 5]), ['3', '5']],
    ]
    for (const [what, call, numbers] of sizes) {
      const mentions = numbers.map((n) => (text: string) => new RegExp(`(^|[^0-9.])${n}([^0-9.]|$)`).test(text))
      expectMessage(what, call, mentions, `both sizes, ${numbers.join(' and ')}`)
    }
    const ragged = [[1, 2], [3]]
    const good = [[1, 2], [3, 4]]
    // Single letters are matched as words, and "A" only as a capital (not the article "a").
    const names = (letter: string, words: RegExp) => (text: string) => new RegExp(`\\b${letter}\\b`).test(text) || words.test(text)
    const U = names('u', /first/i)
    const V = names('v', /second/i)
    const A = names('A', /first|left/i)
    const B = names('B', /second|right/i)
    const which: Array<[string, () => unknown, (text: string) => boolean, string]> = [
      ['dot([], [1])', () => student.dot([], [1]), U, 'u (the first vector)'],
      ['dot([1], [])', () => student.dot([1], []), V, 'v (the second vector)'],
      ['add([], [1])', () => student.add([] as Vector, [1]), U, 'u (the first vector)'],
      ['add([1], [])', () => student.add([1], [] as Vector), V, 'v (the second vector)'],
      ['add([[1, 2], [3]], [[1, 2], [3, 4]])', () => student.add(ragged, good), A, 'A (the first matrix)'],
      ['add([[1, 2], [3, 4]], [[1, 2], [3]])', () => student.add(good, ragged), B, 'B (the second matrix)'],
      ['matmul([[1, 2], [3]], [[1, 2], [3, 4]])', () => student.matmul(ragged, good), A, 'A (the first matrix)'],
      ['matmul([[1, 2], [3, 4]], [[1, 2], [3]])', () => student.matmul(good, ragged), B, 'B (the second matrix)'],
      ['matvec([[1, 2], [3]], [1, 2])', () => student.matvec(ragged, [1, 2]), A, 'A (the matrix)'],
      ['matvec([[1, 2], [3, 4]], [])', () => student.matvec(good, []), V, 'v (the vector)'],
    ]
    for (const [what, call, named, text] of which) expectMessage(what, call, [named], text)
  })
})

/** An n×m matrix of ones. */
const ones = (n: number, m: number): number[][] => Array.from({ length: n }, () => Array(m).fill(1))

/** `call` throws (as expectShapeError requires) and its message matches every pattern. */
function expectMessage(what: string, call: () => unknown, checks: Array<(text: string) => boolean>, wanted: string): void {
  expectShapeError(what, call)
  try {
    call()
  } catch (error) {
    const message = String((error as Error).message)
    if (!checks.every((check) => check(message))) {
      throw new Mismatch(`${what} threw, but its message does not say what is wrong`, prose(`a message that mentions ${wanted}`), prose(message))
    }
  }
}

/** The law must hold exactly; then `value` (one side of it) must be the exact result, so that a wrong operation fails here too. */
function expectLaw(law: string, left: unknown, right: unknown, value: unknown, truth: unknown): void {
  expectClose(`${law} fails: left side (received) ≠ right side (expected)`, left, right, EXACT)
  expectClose(`${law} holds, but its value is not the true one (compare with the tests of each operation)`, value, truth, EXACT)
}

describe('the laws of the lecture', () => {
  graded('law.associative', '(AB)C = A(BC) for A n×m, B m×k, C k×l', () => {
    forAll({ input: productTriple() }, ({ input: { A, B, C } }) => {
      const left = student.matmul(student.matmul(A, B), C)
      const right = student.matmul(A, student.matmul(B, C))
      expectLaw(`(AB)C = A(BC) for ${shapeText(A)}, ${shapeText(B)}, ${shapeText(C)}`, left, right, left, mathjsMultiply(mathjsMultiply(A, B), C))
    }, { regions: regionsOn('input', { ...withoutRegions(productRegions, 'an entry not exact in float32'), 'C has one column': region(2, (i: { C: Matrix }) => i.C[0]!.length === 1) }) })
  })
  graded('law.distributive', 'A(B + C) = AB + AC and (A + B)C = AC + BC', () => {
    forAll({ l: leftDistributive(), r: rightDistributive() }, ({ l, r }) => {
      const left1 = student.matmul(l.A, student.add(l.B, l.C))
      const right1 = student.add(student.matmul(l.A, l.B), student.matmul(l.A, l.C))
      expectLaw(`A(B + C) = AB + AC for A ${shapeText(l.A)}, B and C ${shapeText(l.B)}`, left1, right1, left1, mathjsMultiply(l.A, mathjsAdd(l.B, l.C)))
      const left2 = student.matmul(student.add(r.A, r.B), r.C)
      const right2 = student.add(student.matmul(r.A, r.C), student.matmul(r.B, r.C))
      expectLaw(`(A + B)C = AC + BC for A and B ${shapeText(r.A)}, C ${shapeText(r.C)}`, left2, right2, left2, mathjsMultiply(mathjsAdd(r.A, r.B), r.C))
    }, { regions: { ...regionsOn('l', regionsOn('A', shapeRegions)), ...regionsOn('r', regionsOn('C', withoutRegions(shapeRegions, 'five rows or columns'))) } })
  })
  graded('law.transposeOfProduct', '(AB)ᵀ = BᵀAᵀ, on non-square shapes too', () => {
    forAll({ pair: productPair(dyadic) }, ({ pair: { A, B } }) => {
      const left = student.transpose(student.matmul(A, B))
      const right = student.matmul(student.transpose(B), student.transpose(A))
      expectLaw(`(AB)ᵀ = BᵀAᵀ for A ${shapeText(A)}, B ${shapeText(B)}`, left, right, left, mathjsTranspose(mathjsMultiply(A, B)))
    }, { regions: regionsOn('pair', withoutRegions(productRegions, 'an entry not exact in float32')) })
  })
  graded('law.identity', 'AI = A and IA = A, with I of the right size on each side (A need not be square)', () => {
    forAll({ A: anyMatrix(dyadic) }, ({ A }) => {
      const [n, m] = [A.length, A[0]!.length]
      expectClose(`matmul(A, identity(${m})) for a ${shapeText(A)} matrix A (received) must be A (expected)`, student.matmul(A, student.identity(m)), A, EXACT)
      expectClose(`matmul(identity(${n}), A) for a ${shapeText(A)} matrix A (received) must be A (expected)`, student.matmul(student.identity(n), A), A, EXACT)
    }, { regions: regionsOn('A', shapeRegions) })
  })
  graded('law.linearity', 'A(xu + yv) = x·Au + y·Av and (xA + yB)u = x·Au + y·Bu', () => {
    forAll({ input: linearityCase() }, ({ input: { A, B, u, v, x, y } }) => {
      const left1 = student.matvec(A, student.add(student.scale(x, u), student.scale(y, v)))
      const right1 = student.add(student.scale(x, student.matvec(A, u)), student.scale(y, student.matvec(A, v)))
      expectLaw(`A(xu + yv) = x·Au + y·Av for x = ${x}, y = ${y}, A ${shapeText(A)}`, left1, right1, student.matvec(A, u), mathjsMatvec(A, u))
      const left2 = student.matvec(student.add(student.scale(x, A), student.scale(y, B)), u)
      const right2 = student.add(student.scale(x, student.matvec(A, u)), student.scale(y, student.matvec(B, u)))
      expectLaw(`(xA + yB)u = x·Au + y·Bu for x = ${x}, y = ${y}, A ${shapeText(A)}`, left2, right2, left2, mathjsMatvec(mathjsAdd(mathjsScale(x, A), mathjsScale(y, B)), u))
    }, { regions: regionsOn('input', { ...regionsOn('A', withoutRegions(shapeRegions, 'five rows or columns')), 'x = 0 or y = 0': region(1, (i: { x: number; y: number }) => i.x === 0 || i.y === 0), 'x < 0': region(20, (i: { x: number }) => i.x < 0) }), examples: [{ input: { A: [[1, -2]], B: [[0.5, 3]], u: [2, 1], v: [-1, 0.25], x: 0, y: -1.5 } }] })
  })
})

describe('inputs', () => {
  graded('matrices.argumentsUnchanged', 'no function changes its arguments (each returns a new array)', () => {
    const input = fc.record({ vectors: vectorPair(real), same: matrixPair(real), product: productPair(real), mv: matrixAndVector(real), k: scalar })
    forAll({ input }, ({ input: { vectors, same, product, mv, k } }) => {
      expectArgumentsUnchanged('dot(u, v)', [vectors.u, vectors.v], (u, v) => student.dot(u as Vector, v as Vector))
      expectArgumentsUnchanged('add(u, v)', [vectors.u, vectors.v], (u, v) => student.add(u as Vector, v as Vector))
      expectArgumentsUnchanged('add(A, B)', [same.A, same.B], (A, B) => student.add(A as Matrix, B as Matrix))
      expectArgumentsUnchanged(`scale(${k}, u)`, [vectors.u], (u) => student.scale(k, u as Vector))
      expectArgumentsUnchanged(`scale(${k}, A)`, [same.A], (A) => student.scale(k, A as Matrix))
      expectArgumentsUnchanged('transpose(A)', [same.A], (A) => student.transpose(A as Matrix))
      expectArgumentsUnchanged('matmul(A, B)', [product.A, product.B], (A, B) => student.matmul(A as Matrix, B as Matrix))
      expectArgumentsUnchanged('matvec(A, v)', [mv.A, mv.v], (A, v) => student.matvec(A as Matrix, v as Vector))
    }, { numRuns: 50, regions: regionsOn('input', { ...regionsOn('same', regionsOn('A', { 'one row': region(1, (A: Matrix) => A.length === 1), 'not square': region(15, (A: Matrix) => A.length !== A[0]!.length) })) }) })
  })
})
