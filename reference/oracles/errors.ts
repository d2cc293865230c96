// Tells an error the exercise code raised on purpose from one the JavaScript engine raised because
// the code ran past the end of an array (reading a property of undefined, …). Both may be a
// TypeError, but only the first names the problem, as the course's conventions ask.

const ENGINE_MESSAGES: [RegExp, string][] = [
  [/^Cannot (read|set) propert(y|ies) of (undefined|null)/, 'it read past the end of an array'],
  [/is not a function$/, 'it called something that is not a function'],
  [/is not iterable/, 'it iterated over something that is not iterable'],
  [/^Cannot convert undefined or null to object/, 'it used undefined as an object'],
  [/^Maximum call stack size exceeded/, 'it recursed without end'],
]

/** Why `error` looks accidental (raised by the engine, not by a check), or null if it does not. */
export function accidentalError(error: unknown): string | null {
  if (!(error instanceof Error)) return null
  for (const [pattern, why] of ENGINE_MESSAGES) if (pattern.test(error.message)) return why
  return null
}
