/** Offers a blob as a file download (browser only). The URL lives a minute: a large file may still be saving. */
export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Offers text as a file download (browser only). */
export function downloadText(text: string, filename: string, type = 'application/json') {
  downloadBlob(new Blob([text], { type }), filename)
}

export const stamp = (d = new Date()) => d.toISOString().slice(0, 19).replace(/[:T]/g, '-')
