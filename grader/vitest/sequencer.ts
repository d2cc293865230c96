// The order in which a run's test files start: the largest first (the long topics start early),
// ties by path. vitest's own order puts first the files that failed or ran long in earlier runs,
// which it remembers on disk and, in the grader's kept runner, in memory from one student to the
// next: a submission's run must not depend on who was graded before it.
import { stat } from 'node:fs/promises'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

export class CourseSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sizes = new Map(await Promise.all(files.map(async (spec) => [spec.moduleId, (await stat(spec.moduleId).catch(() => undefined))?.size ?? 0] as const)))
    return [...files].sort((a, b) => sizes.get(b.moduleId)! - sizes.get(a.moduleId)! || (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0))
  }
}
