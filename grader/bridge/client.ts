// What a test file gets when it imports `@target/<topic>/<file>`: for each function the course's stub
// exports, a function of the test's own realm that calls the student's function in the student
// process (student-process.ts). The test calls it as if it were the student's own, synchronously.
import { StudentProcess } from './student-process.ts'

export interface BridgedModuleSpec {
  /** The folder of `NN-topic/` folders under test. */
  targetDir: string
  topic: string
  /** The module under test: the student's file, or a file standing in for it. */
  entry: string
  /** The names the course's stub exports. */
  exports: string[]
}

const processes = new Map<string, StudentProcess>()
const key = (targetDir: string, topic: string) => `${targetDir}\0${topic}`

/** The student process of a topic in this test process, started on first use. */
function studentProcess(targetDir: string, topic: string): StudentProcess {
  let student = processes.get(key(targetDir, topic))
  if (!student) {
    student = new StudentProcess({ targetDir, topic })
    processes.set(key(targetDir, topic), student)
  }
  return student
}

/** Ends the student processes of `topic` (at the end of each test file: the next file starts afresh). */
export async function closeStudentProcesses(topic: string): Promise<void> {
  const closing: Promise<void>[] = []
  for (const [k, student] of processes) {
    if (k.endsWith(`\0${topic}`)) {
      closing.push(student.close())
      processes.delete(k)
    }
  }
  await Promise.all(closing)
}

export function bridgedModule(spec: BridgedModuleSpec): Record<string, (...args: unknown[]) => unknown> {
  const module: Record<string, (...args: unknown[]) => unknown> = {}
  for (const name of spec.exports) {
    const call = (...args: unknown[]) => studentProcess(spec.targetDir, spec.topic).call(spec.entry, name, args)
    Object.defineProperty(call, 'name', { value: name })
    module[name] = call
  }
  return module
}
