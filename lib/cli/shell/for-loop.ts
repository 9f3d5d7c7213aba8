/**
 * `for NAME in WORDS; do BODY; done` on one line, as sh runs it: WORDS are expanded once (an unquoted
 * `$(command)` splits into one word per whitespace-separated piece of its output), then BODY runs once per
 * word with $NAME set to it. Enough for the loops lessons show, e.g. a HeadObject per listed version id.
 * The parse is a single left-to-right scan (quote-aware), never a backtracking pattern.
 */
import { findSubstitution } from './substitute'

export interface ForLoop {
  name: string
  words: string
  body: string
}

const HEAD = /^\s*for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in(?=\s)/
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n'

/** The index of each `;` outside quotes, in order. */
function separators(text: string): number[] {
  const out: number[] = []
  let single = false
  let double = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\\' && !single) i++
    else if (c === "'" && !double) single = !single
    else if (c === '"' && !single) double = !double
    else if (c === ';' && !single && !double) out.push(i)
  }
  return out
}

/** Whether `text` at `i` (after blanks) holds the word `word` followed by a blank or the end. */
function wordAt(text: string, i: number, word: string): number | undefined {
  while (isSpace(text[i])) i++
  if (text.slice(i, i + word.length) !== word) return undefined
  const end = i + word.length
  return end === text.length || isSpace(text[end]) ? end : undefined
}

/** The loop a line is, or undefined when it is not one (then it runs as an ordinary line). */
export function parseForLoop(line: string): ForLoop | undefined {
  const head = HEAD.exec(line)
  if (!head) return undefined
  const rest = line.slice(head[0].length)
  const semis = separators(rest)
  // WORDS end at the first `;` followed by `do`; BODY ends at the last `;` followed by `done` and nothing else.
  const first = semis.findIndex((i) => wordAt(rest, i + 1, 'do') !== undefined)
  if (first < 0) return undefined
  const bodyStart = wordAt(rest, semis[first]! + 1, 'do')!
  const last = semis.at(-1)
  if (last === undefined || last < bodyStart) return undefined
  const end = wordAt(rest, last + 1, 'done')
  if (end === undefined || rest.slice(end).trim() !== '') return undefined
  return { name: head[1]!, words: rest.slice(0, semis[first]), body: rest.slice(bodyStart, last).trim() }
}

/**
 * Expands the WORDS of a loop: each unquoted `$(command)` is replaced by its output's pieces, each quoted
 * (so the tokenizer keeps each a word of its own); a quoted one stays one word, as in sh.
 */
export async function expandWords(words: string, run: (command: string) => Promise<string>): Promise<string> {
  let text = words
  for (let sub = findSubstitution(text); sub; sub = findSubstitution(text)) {
    const output = (await run(sub.inner)).replace(/\n+$/, '')
    const replaced = sub.inDoubleQuotes
      ? output.replace(/(["\\$`])/g, '\\$1')
      : output
          .split(/[ \t\n]+/)
          .filter(Boolean)
          .map((w) => `'${w.replace(/'/g, `'\\''`)}'`)
          .join(' ')
    text = text.slice(0, sub.start) + replaced + text.slice(sub.end)
  }
  return text
}
