/** What the server benchmarks share: waiting for a spawned server's port, and one S3 client setup for all of them. */
import type { ChildProcess } from 'node:child_process'
import { Agent } from 'node:http'
import { S3Client } from '@aws-sdk/client-s3'
import { NodeHttpHandler } from '@smithy/node-http-handler'

export async function waitForPort(port: number, child: ChildProcess, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`)
    try {
      await fetch(`http://127.0.0.1:${port}/`)
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`nothing listening on ${port} after ${seconds} s`)
}

/** Keep-alive sockets, enough of them for 8 requests in flight; destroy it when the run ends. */
export const agent = new Agent({ keepAlive: true, maxSockets: 16 })

export const clientFor = (port: number) =>
  new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    requestHandler: new NodeHttpHandler({ httpAgent: agent }),
  })
