// The one way the course runs work side by side: at most `limit` items at a time, in order. The
// grader's jobs, verify's variants and flaky's targets all use it.

/**
 * Runs `work` on every item, at most `limit` at a time, and returns the results in the items'
 * order. `slot` (0 … limit − 1) says which lane runs an item: a lane may keep resources of its own
 * between items (the grader's kept test runner, its scratch folder).
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, slot: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async (_, slot) => {
      while (next < items.length) {
        const i = next++
        results[i] = await work(items[i]!, slot)
      }
    }),
  )
  return results
}
