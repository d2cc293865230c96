// The seal on a passed test: an HMAC of the topic and test id under the grading run's secret key.
// The harness computes it inside the test process; the grader recomputes it to check.
import { createHmac } from 'node:crypto'

export function sealFor(topic: string, testId: string, key: string): string {
  return createHmac('sha256', key).update(`${topic}\n${testId}\npassed`).digest('hex')
}
