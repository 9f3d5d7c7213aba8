/**
 * Command substitution, `$(command)`: runs the inner command first and puts its output (trailing
 * newlines removed) in its place, so `KEY_ID=$(aws kms create-key --query KeyMetadata.KeyId --output text)`
 * works as in bash. The output is inserted quoted, so it stays one word.
 */

/** Finds the first `$(` outside single quotes and its matching `)`; undefined when there is none. */
export function findSubstitution(
  line: string,
): { start: number; end: number; inner: string; inDoubleQuotes: boolean } | undefined {
  let single = false
  let double = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '\\' && !single) {
      i++
      continue
    }
    if (c === "'" && !double) single = !single
    else if (c === '"' && !single) double = !double
    else if (!single && c === '$' && line[i + 1] === '(') {
      let depth = 0
      for (let j = i + 1; j < line.length; j++) {
        if (line[j] === '(') depth++
        else if (line[j] === ')' && --depth === 0)
          return { start: i, end: j + 1, inner: line.slice(i + 2, j), inDoubleQuotes: double }
      }
      return undefined
    }
  }
  return undefined
}

/** The substituted text, quoted so the tokenizer keeps it as it is. */
export function quoteOutput(output: string, inDoubleQuotes: boolean): string {
  const text = output.replace(/\n+$/, '')
  if (inDoubleQuotes) return text.replace(/(["\\$`])/g, '\\$1')
  return `'${text.replace(/'/g, `'\\''`)}'`
}
