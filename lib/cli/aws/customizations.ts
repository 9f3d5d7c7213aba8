/**
 * What aws-cli (through botocore's handlers) does around particular operations, beyond the model:
 * listings ask for url-encoded keys and decode them; GetBucketLocation's empty answer is null.
 */

/** Each SSE-C key member with its MD5 member. */
const KEY_MEMBERS: [key: string, md5: string][] = [
  ['SSECustomerKey', 'SSECustomerKeyMD5'],
  ['CopySourceSSECustomerKey', 'CopySourceSSECustomerKeyMD5'],
]

interface Stack {
  add(middleware: unknown, options: { step: string; priority: string; name: string }): void
}

/**
 * botocore's sse_md5 handler base64-encodes an SSE-C key and computes its MD5 only when no MD5 was given; with
 * `--sse-customer-key-md5` both go out as typed, so a wrong MD5 (or a raw key beside one) reaches S3, which
 * refuses it. The SDK always re-encodes and recomputes them (its ssec middleware, initialize step): the typed
 * values are put back before serialization. Checked against aws-cli 2.9.19 (docs/cli.md).
 */
export function keepGivenKeyMd5(command: { middlewareStack: Stack }, input: Record<string, unknown>): void {
  const given: Record<string, unknown> = {}
  for (const [key, md5] of KEY_MEMBERS)
    if (typeof input[md5] === 'string')
      Object.assign(given, { [md5]: input[md5] }, key in input ? { [key]: input[key] } : {})
  if (Object.keys(given).length === 0) return
  command.middlewareStack.add(
    (next: (args: { input: object }) => unknown) => (args: { input: object }) =>
      next({ ...args, input: { ...args.input, ...given } }),
    { step: 'serialize', priority: 'high', name: 'keepGivenSseCustomerKeyMd5' },
  )
}

const LISTINGS = new Set(['ListObjects', 'ListObjectsV2', 'ListObjectVersions'])

/** Before sending: returns whether keys in the answer must be url-decoded. */
export function prepareInput(operation: string, input: Record<string, unknown>): { decodeKeys: boolean } {
  if (LISTINGS.has(operation) && input.EncodingType === undefined) {
    // botocore's set_list_objects_encoding_type_url: keys with control characters survive XML this way.
    input.EncodingType = 'url'
    return { decodeKeys: true }
  }
  return { decodeKeys: false }
}

/** Python's urllib.parse.unquote_plus. */
const unquotePlus = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/** After receiving: botocore's decode_list_object(_v2), and GetBucketLocation's null. */
export function adjustOutput(
  operation: string,
  output: Record<string, unknown>,
  decodeKeys: boolean,
  nested = true,
): void {
  if (operation === 'GetBucketLocation' && output.LocationConstraint === undefined) output.LocationConstraint = null
  if (!decodeKeys) return
  for (const k of ['Delimiter', 'Marker', 'NextMarker', 'Prefix', 'StartAfter', 'KeyMarker', 'NextKeyMarker']) {
    if (typeof output[k] === 'string') output[k] = unquotePlus(output[k] as string)
  }
  if (!nested) return
  for (const [list, key] of [
    ['Contents', 'Key'],
    ['CommonPrefixes', 'Prefix'],
    ['Versions', 'Key'],
    ['DeleteMarkers', 'Key'],
  ] as const) {
    for (const item of (output[list] as Record<string, unknown>[] | undefined) ?? [])
      if (typeof item[key] === 'string') item[key] = unquotePlus(item[key] as string)
  }
}
