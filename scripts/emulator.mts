/**
 * `npm run emulator [-- --port 4566 --host 127.0.0.1 --data-dir DIR]`: the S3 + KMS emulator on localhost, so the
 * real aws-cli and SDKs can use it: `aws --endpoint-url http://127.0.0.1:4566 s3 ls`.
 */
import './quiet-node-support-warning'
import { parseArgs } from 'node:util'
import { createEmulator } from '../lib/emulator/create-emulator'
import { createEmulatorServer, listen } from '../lib/adapters/node-http/server'
import { attachPersistence, DamagedState } from '../lib/adapters/node-http/persistence'
import { selfSignedCertificate } from '../lib/adapters/node-http/tls'
import { S3_LIMITS } from '../lib/adapters/node-http/limits'
import { hostPolicy, loopbackOriginPolicy } from '../lib/protocol/origins'
import { networkWarnings } from '../lib/adapters/node-http/network'
import { homedir } from 'node:os'
import { join } from 'node:path'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'allow-sse-c-on-new-buckets': { type: 'boolean', default: false },
    'allow-sse-c-over-http': { type: 'boolean', default: false },
    https: { type: 'boolean', default: false },
    'cert-dir': { type: 'string' },
    strict: { type: 'boolean', default: process.env.EMULATOR_STRICT === '1' },
    'access-key': { type: 'string', default: process.env.EMULATOR_ACCESS_KEY_ID },
    'secret-key': { type: 'string', default: process.env.EMULATOR_SECRET_ACCESS_KEY },
    'session-token': { type: 'string', default: process.env.EMULATOR_SESSION_TOKEN },
    cors: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true, default: [] },
    'trust-proxy': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log(`usage: npm run emulator -- [--port 4566] [--host 127.0.0.1] [--data-dir DIR] [--allow-sse-c-on-new-buckets]

  --port N                        port to listen on (0 picks a free one)
  --host H                        address to bind (default 127.0.0.1: this machine only)
  --data-dir DIR                  keep state in DIR across restarts; a change is answered once it is on disk
                                  (docs/persistence.md; default: memory only)
  --allow-sse-c-on-new-buckets    pre-April-2026 behaviour: new buckets do not block SSE-C
  --allow-sse-c-over-http         accept SSE-C keys over plain http (S3 refuses them: 400 InvalidRequest,
                                  "... must be made over a secure connection."); for local testing only
  --https                         serve TLS with a self-signed certificate for localhost (made with openssl,
                                  kept in --cert-dir, default DATA_DIR/tls or ~/.s3-playground/tls); then
                                  SSE-C works as on AWS. Trust it with AWS_CA_BUNDLE=<dir>/localhost-cert.pem
                                  or pass --no-verify-ssl to aws
  --strict                        stand in for a real endpoint: verify SigV4 signatures (header and presigned)
                                  with --access-key/--secret-key (wrong secret: 403 SignatureDoesNotMatch;
                                  unknown key: InvalidAccessKeyId) and honour each bucket's CORS rules
  --access-key ID --secret-key S  the one credential strict mode accepts (or EMULATOR_ACCESS_KEY_ID,
  [--session-token T]             EMULATOR_SECRET_ACCESS_KEY, EMULATOR_SESSION_TOKEN; EMULATOR_STRICT=1)
  --cors rules|permissive|off     CORS: bucket rules (default with --strict); without --strict (default)
                                  loopback origins and --allow-origin ones; 'permissive' answers EVERY web
                                  origin (any page you visit could then use the emulator); off: no CORS
  --allow-origin ORIGIN           also let this origin read answers (repeatable), e.g. a team's hosted copy
                                  of the playground: --allow-origin https://team.example
  --trust-proxy                   take the audit record's source IP from X-Forwarded-For (only behind a
                                  proxy you run; otherwise the connection's own address is recorded)

  Only loopback Host names (localhost, 127.0.0.1, [::1], *.localhost) and the --host name are served: a web
  page cannot reach the emulator through a name it controls (DNS rebinding). See docs/security.md.`)
  process.exit(0)
}

const cors = values.cors ?? (values.strict ? 'rules' : 'permissive')
// Unless every origin is asked for explicitly, only loopback pages and the named origins may read answers.
const origins = values.cors === 'permissive' ? undefined : loopbackOriginPolicy(values['allow-origin'])
for (const origin of values['allow-origin']) {
  if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
    console.error(`--allow-origin takes an origin such as https://team.example, not ${origin}`)
    process.exit(2)
  }
}
if (!['rules', 'permissive', 'off'].includes(cors)) {
  console.error(`--cors must be rules, permissive or off, not ${cors}`)
  process.exit(2)
}
if (values.strict && (!values['access-key'] || !values['secret-key'])) {
  console.error(
    '--strict needs --access-key and --secret-key (or EMULATOR_ACCESS_KEY_ID and EMULATOR_SECRET_ACCESS_KEY)',
  )
  process.exit(2)
}
const credentials = values.strict
  ? [
      {
        accessKeyId: values['access-key']!,
        secretAccessKey: values['secret-key']!,
        ...(values['session-token'] ? { sessionToken: values['session-token'] } : {}),
      },
    ]
  : undefined

const emulator = createEmulator({
  blockSseCOnNewBuckets: !values['allow-sse-c-on-new-buckets'],
  allowSseCOverHttp: values['allow-sse-c-over-http'],
  http: {
    ...(credentials ? { auth: { credentials } } : {}),
    ...(cors !== 'off' ? { cors: cors as 'rules' | 'permissive' } : {}),
    ...(origins ? { origins } : {}),
  },
})
const dataDir = values['data-dir']
const persistence = dataDir ? await attachOrExplain(dataDir) : undefined
// Every answered change is on disk already; what is left (CloudTrail records of reads) is written if that
// takes under SHUTDOWN_MS, so Ctrl-C and SIGTERM always end the process promptly.
const SHUTDOWN_MS = 1500
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    setTimeout(() => process.exit(0), SHUTDOWN_MS).unref()
    void (persistence?.close() ?? Promise.resolve()).finally(() => process.exit(0))
  })
}

/** A data dir that cannot be used stops start-up with one line (never the file's contents). */
async function attachOrExplain(dir: string) {
  try {
    return await attachPersistence(emulator, dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    console.error(
      error instanceof DamagedState
        ? error.message
        : `[emulator] cannot use the data dir ${dir}: ${code ?? (error as Error).name}`,
    )
    process.exit(1)
  }
}
const certDir = values['cert-dir'] ?? (dataDir ? join(dataDir, 'tls') : join(homedir(), '.s3-playground', 'tls'))
const tls = values.https ? selfSignedCertificate(certDir) : undefined
const network = { allowHost: hostPolicy(values.host), trustProxy: values['trust-proxy'] }
const port = await listen(createEmulatorServer(emulator, tls, S3_LIMITS, network), {
  port: Number(values.port),
  host: values.host,
})
const endpoint = `${tls ? 'https' : 'http'}://${values.host}:${port}`
if (tls) console.log(`TLS certificate: ${tls.certPath} (self-signed; e.g. AWS_CA_BUNDLE=${tls.certPath})`)
console.log(`S3 + KMS emulator listening on ${endpoint}${dataDir ? ` (state in ${dataDir})` : ' (state in memory)'}`)
console.log(
  values.strict
    ? `strict mode: SigV4 verified for access key ${values['access-key']}; CORS from each bucket's rules`
    : `signatures not checked; CORS: ${cors !== 'permissive' ? cors : origins ? ['loopback origins', ...values['allow-origin']].join(', ') : 'every origin'}`,
)
for (const warning of networkWarnings({ host: values.host, strict: values.strict, cors: values.cors }))
  console.warn(warning)
console.log(`try: aws --endpoint-url ${endpoint} s3 mb s3://my-s3-bucket`)
console.log(`     aws --endpoint-url ${endpoint} kms create-key --description demo`)
