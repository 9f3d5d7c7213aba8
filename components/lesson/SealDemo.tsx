'use client'

import { useMemo, useState } from 'react'
import { DecryptionFailed, KEY_BYTES } from '@/lib/crypto/aes-gcm'
import { toHex, utf8, fromUtf8 } from '@/lib/crypto/bytes'
import { webCryptoRandom } from '@/lib/crypto/random'
import { RootKeyring } from '@/lib/s3/root-keys'
import { openSegment, sealSegment, unwrapWithRoot, wrapWithRoot } from '@/lib/s3/seal'
import type { DataKeyWrap, Segment } from '@/lib/s3/model'

interface Sealed {
  dataKey: Uint8Array
  wrap: DataKeyWrap & { kind: 'root' }
  segment: Segment
}

const ARN = 'arn:aws:s3:::my-s3-bucket/testfile.txt'
const hex = (b: Uint8Array, max = 48) => (b.length > max ? `${toHex(b.subarray(0, max))}… (${b.length} bytes)` : toHex(b))

/** SSE-S3 by hand, with the emulator's own functions: seal a text, look at what is stored, open it again. */
export function SealDemo() {
  const keyring = useMemo(() => new RootKeyring(webCryptoRandom, () => new Date()), [])
  const [text, setText] = useState('Hello from the S3 encryption playground')
  const [sealed, setSealed] = useState<Sealed>()
  const [opened, setOpened] = useState<string>()

  const seal = async () => {
    const dataKey = webCryptoRandom(KEY_BYTES)
    const segment = await sealSegment({ outer: dataKey }, utf8(text), ARN, 1, webCryptoRandom)
    const wrap = (await wrapWithRoot(keyring, webCryptoRandom, dataKey, ARN)) as DataKeyWrap & { kind: 'root' }
    setSealed({ dataKey, wrap, segment })
    setOpened(undefined)
  }
  const open = async (tamper: boolean) => {
    if (!sealed) return
    const ciphertext = sealed.segment.ciphertext.slice()
    if (tamper) ciphertext[0] = ciphertext[0]! ^ 1
    try {
      const key = await unwrapWithRoot(keyring, sealed.wrap, ARN)
      setOpened(`decrypted: "${fromUtf8(await openSegment({ outer: key }, { ...sealed.segment, ciphertext }, ARN))}"`)
    } catch (e) {
      setOpened(e instanceof DecryptionFailed ? 'refused: AES-GCM authentication failed (one flipped bit in the ciphertext)' : String(e))
    }
  }

  return (
    <div className="my-4 rounded border border-[var(--border)] p-3 text-sm" data-testid="seal-demo">
      <label className="block font-semibold" htmlFor="seal-text">Try it: the text to store</label>
      <input id="seal-text" value={text} onChange={(e) => setText(e.target.value)} className="mt-1 w-full rounded border border-[var(--border)] bg-transparent p-1 font-mono" />
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" onClick={() => void seal()} className="rounded bg-amber-500 px-2 py-1 font-semibold text-black">Encrypt (SSE-S3)</button>
        <button type="button" disabled={!sealed} onClick={() => void open(false)} className="rounded border border-[var(--border)] px-2 py-1 disabled:opacity-50">Decrypt</button>
        <button type="button" disabled={!sealed} onClick={() => void open(true)} className="rounded border border-[var(--border)] px-2 py-1 disabled:opacity-50">Flip a bit, then decrypt</button>
      </div>
      {sealed && (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs break-all">
          <dt className="font-semibold">data key (never stored)</dt><dd>{hex(sealed.dataKey)}</dd>
          <dt className="font-semibold">stored: wrapped data key</dt><dd>{hex(sealed.wrap.wrapped)} under root key {sealed.wrap.rootKeyId}</dd>
          <dt className="font-semibold">stored: IV</dt><dd>{hex(sealed.segment.iv)}</dd>
          <dt className="font-semibold">stored: ciphertext + tag</dt><dd data-testid="seal-ciphertext">{hex(sealed.segment.ciphertext)}</dd>
        </dl>
      )}
      {opened && <p className="mt-2 font-mono text-xs" role="status" data-testid="seal-result">{opened}</p>}
    </div>
  )
}
