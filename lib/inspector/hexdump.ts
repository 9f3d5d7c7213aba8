/** Stored bytes as `hexdump -C` shows them: offset, 16 bytes in hex, and the printable ASCII. */

export interface HexRow {
  offset: string
  hex: string
  ascii: string
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0')

export function hexRows(bytes: Uint8Array, limit = 256): HexRow[] {
  const rows: HexRow[] = []
  const end = Math.min(bytes.length, limit)
  for (let at = 0; at < end; at += 16) {
    const line = bytes.subarray(at, Math.min(at + 16, end))
    const cells = [...line].map(hex2)
    rows.push({
      offset: at.toString(16).padStart(8, '0'),
      hex: `${cells.slice(0, 8).join(' ')}  ${cells.slice(8).join(' ')}`.trimEnd(),
      ascii: [...line].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    })
  }
  return rows
}

/** Space-separated hex, for short values (IVs, tags, wrapped keys). */
export const hexString = (bytes: Uint8Array) => [...bytes].map(hex2).join(' ')

/** The bytes as a text decoder would show them: what you would see opening the stored file in an editor. */
export function asText(bytes: Uint8Array, limit = 256): string {
  return new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, limit))
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '·')
}
