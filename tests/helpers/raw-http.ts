/** HTTP as bytes on a socket (node:net), for requests no HTTP client would send: malformed framing, raw paths. */
import { connect } from 'node:net'

export interface RawAnswer {
  /** Everything the server sent before it closed (or before the wait ended). */
  text: string
  /** Status codes of every response in `text`, in order. */
  statuses: number[]
  /** True when the server reset the connection instead of answering. */
  reset: boolean
}

export function rawHttp(port: number, bytes: string | Buffer, waitMs = 1500): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let text = ''
    let reset = false
    let settled = false
    const done = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]))
      resolve({ text, statuses, reset })
    }
    // A bounded wait: a keep-alive answer leaves the socket open, so stop once nothing more comes.
    const timer = setTimeout(done, waitMs)
    socket.setEncoding('latin1')
    socket.on('data', (c: string) => (text += c))
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET') reset = true
      done()
    })
    socket.on('close', done)
  })
}
