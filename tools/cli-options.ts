// Option parsers shared by the maintainers' commands (commander): numbers and seed lists are checked
// where they are read, with a message that names the option.
import { InvalidArgumentError } from 'commander'

/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}, got "${value}"`)
    return n
  }
}

/** Grading seeds separated by commas: `7,8,9`. */
export function seedList(value: string): number[] {
  const seeds = value.split(',').map((s) => Number(s.trim()))
  if (seeds.length === 0 || !seeds.every((s) => Number.isSafeInteger(s) && s >= 0)) throw new InvalidArgumentError(`whole numbers separated by commas, got "${value}"`)
  return seeds
}
