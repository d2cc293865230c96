/**
 * derive reads expr.kind without checking expr, so a missing child crashes with the engine's "Cannot read properties of null".
 * @replaces 02-derivatives/derivatives.ts
 * @mustFail derive.badInputMissing
 */
import type { Expr } from '@course/expr'
import { derive as answer } from '../../02-derivatives/derivatives.ts'

export * from '../../02-derivatives/derivatives.ts'

export function derive(expr: Expr): Expr {
  void (expr as { kind: string }).kind
  return answer(expr)
}
