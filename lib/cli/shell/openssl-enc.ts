/**
 * `openssl enc -aes-256-cbc [-d] [-a] -pbkdf2 [-iter N] -pass pass:SECRET | -K HEX -iv HEX -in FILE -out FILE`:
 * manual client-side encryption before `aws s3 cp`, byte-compatible with OpenSSL 3: "Salted__" + 8-byte salt +
 * AES-256-CBC/PKCS#7, key and IV from PBKDF2-HMAC-SHA256 (10,000 iterations by default). WebCrypto does all
 * of it. Like OpenSSL, AEAD ciphers are refused here (`enc` has no place for the tag).
 */
import { checkInterrupt } from '../interrupt'
import { buf, concat, fromBase64, fromHex, fromUtf8, toBase64, utf8 } from '../../crypto/bytes'
import type { Io } from '../aws/io'
import type { ShellState } from './builtins'

const MAGIC = utf8('Salted__')
const CIPHERS = ['aes-256-cbc']

async function deriveKeyIv(
  pass: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Promise<{ key: Uint8Array; iv: Uint8Array }> {
  const base = await crypto.subtle.importKey('raw', buf(pass), 'PBKDF2', false, ['deriveBits'])
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations }, base, 48 * 8),
  )
  return { key: bits.subarray(0, 32), iv: bits.subarray(32) }
}

async function cbc(encrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', buf(key), 'AES-CBC', false, [encrypt ? 'encrypt' : 'decrypt'])
  const op = encrypt ? crypto.subtle.encrypt : crypto.subtle.decrypt
  return new Uint8Array(await op.call(crypto.subtle, { name: 'AES-CBC', iv: buf(iv) }, k, buf(data)))
}

const wrap64 = (text: string) => (text.match(/.{1,64}/g) ?? ['']).join('\n') + '\n'

export async function opensslEnc(args: string[], io: Io, sh: ShellState): Promise<number> {
  let decrypt = false
  let base64 = false
  let cipher: string | undefined
  let pass: string | undefined
  let keyHex: string | undefined
  let ivHex: string | undefined
  let iterations = 10000
  let input: string | undefined
  let output: string | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-d') decrypt = true
    else if (a === '-e') decrypt = false
    else if (a === '-a' || a === '-base64') base64 = true
    else if (a === '-pbkdf2' || a === '-salt') continue
    else if (a === '-iter') iterations = Number(args[++i])
    else if (a === '-pass') pass = args[++i]
    else if (a === '-K') keyHex = args[++i]
    else if (a === '-iv') ivHex = args[++i]
    else if (a === '-in') input = args[++i]
    else if (a === '-out') output = args[++i]
    else if (a.startsWith('-')) cipher = a.slice(1).toLowerCase()
  }
  if (cipher && /gcm|ccm|ocb|chacha20-poly1305/.test(cipher)) {
    io.err('enc: AEAD ciphers not supported\nenc: Use -help for summary.\n')
    return 1
  }
  if (!cipher || !CIPHERS.includes(cipher)) {
    io.err(
      `enc: Unrecognized flag ${cipher ?? ''}\nenc: Use -help for summary.\n(the playground's openssl enc does aes-256-cbc)\n`,
    )
    return 1
  }
  let data: Uint8Array
  try {
    data = input ? sh.vfs.read(input) : (io.stdin ?? new Uint8Array())
  } catch (e) {
    io.err(`Can't open "${input}" for reading, ${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  }
  if (decrypt && base64) {
    const decoded = fromBase64(fromUtf8(data).replace(/\s+/g, ''))
    if (!decoded) {
      io.err('error reading input file\n')
      return 1
    }
    data = decoded
  }
  let key: Uint8Array
  let iv: Uint8Array
  let salt: Uint8Array | undefined
  if (keyHex) {
    key = fromHex(keyHex.padEnd(64, '0').slice(0, 64))
    iv = fromHex((ivHex ?? '').padEnd(32, '0').slice(0, 32))
  } else {
    if (!pass?.startsWith('pass:')) {
      io.err('enc: the playground needs -pass pass:SECRET (or -K and -iv); it cannot prompt for a password\n')
      return 1
    }
    if (decrypt) {
      if (data.length < 16 || fromUtf8(data.subarray(0, 8)) !== 'Salted__') {
        io.err('bad magic number\n')
        return 1
      }
      salt = data.subarray(8, 16)
      data = data.subarray(16)
    } else salt = crypto.getRandomValues(new Uint8Array(8))
    ;({ key, iv } = await deriveKeyIv(utf8(pass.slice(5)), salt, iterations))
  }
  // The work is WebCrypto's, off the page's thread; Ctrl-C between its steps means no output is written.
  checkInterrupt(io.signal)
  let result: Uint8Array
  try {
    result = await cbc(!decrypt, key, iv, data)
  } catch {
    io.err('bad decrypt\n') // a wrong password or key shows up as invalid PKCS#7 padding, as in OpenSSL
    return 1
  }
  checkInterrupt(io.signal)
  if (!decrypt && salt) result = concat(MAGIC, salt, result)
  const out = !decrypt && base64 ? utf8(wrap64(toBase64(result))) : result
  if (output) sh.vfs.write(output, out)
  else io.out(out)
  return 0
}
