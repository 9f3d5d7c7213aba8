/** The commands of a shell block: comments dropped, backslash-continued lines joined. */
export function commandsOf(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
}
