/**
 * What aws-cli (through botocore's handlers) does around particular operations, beyond the model:
 * listings ask for url-encoded keys and decode them; GetBucketLocation's empty answer is null.
 */

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
