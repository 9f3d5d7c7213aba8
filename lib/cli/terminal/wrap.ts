/** Plain text broken into lines of at most `columns` characters at spaces, so a narrow terminal never splits a word. */
export function wrapWords(text: string, columns: number): string[] {
  const width = Math.max(1, columns)
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/ +/).filter(Boolean)) {
    if (!line) line = word
    else if (line.length + 1 + word.length <= width) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
    // A word longer than the terminal is wide has to break somewhere: at the edge, as the terminal would.
    while (line.length > width) {
      lines.push(line.slice(0, width))
      line = line.slice(width)
    }
  }
  if (line) lines.push(line)
  return lines
}
