/**
 * `--https`: a self-signed certificate for localhost, made with the openssl command line (present on
 * Debian and macOS), kept in a directory so restarts reuse it and a client can be told to trust it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TlsFiles {
  key: Buffer
  cert: Buffer
  certPath: string
}

export function selfSignedCertificate(dir: string): TlsFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 }) // holds the private key (DATA_DIR/tls by default)
  const keyPath = join(dir, 'localhost-key.pem')
  const certPath = join(dir, 'localhost-cert.pem')
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    const r = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '825',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { encoding: 'utf8' },
    )
    if (r.status !== 0)
      throw new Error(
        `--https needs the openssl command to make a self-signed certificate: ${r.error?.message ?? r.stderr}`,
      )
  }
  return { key: readFileSync(keyPath), cert: readFileSync(certPath), certPath }
}
