// Types of steps.mjs, for the bench's tests (test/bench/).
export interface Failure {
  readonly step: string
  readonly message: string
}
export interface Steps {
  readonly failures: Failure[]
  fail(step: string, error: unknown): void
  attempt<T>(step: string, fn: () => T | Promise<T>): Promise<T | undefined>
  attempt<T, F>(step: string, fn: () => T | Promise<T>, fallback: F): Promise<T | F>
}
export function oneLine(error: unknown): string
export function createSteps(log: (text: string) => void): Steps
