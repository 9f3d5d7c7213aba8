/**
 * Values a client sent are echoed back (an error's ArgumentValue, a validation message, an audit record) only
 * this long: a 280 MB KeyId must not travel back, or into CloudTrail, whole. AWS shortens such echoes too.
 */
export const MAX_ECHO = 1024

export function bounded(value: string, max: number = MAX_ECHO): string {
  return value.length <= max ? value : `${value.slice(0, max)}...`
}
