/** Masks what differs between two runs of the same commands (times, ids, random ETags, rates, ports). */

const RULES: [RegExp, string][] = [
  [/127\.0\.0\.1:\d+/g, '127.0.0.1:<PORT>'],
  [/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)/g, '<TIME>'],
  [/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, '<DATE>'],
  [/\d{8}T\d{6}Z/g, '<AMZDATE>'],
  [/%2F\d{8}%2F/g, '%2F<DAY>%2F'],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<UUID>'],
  [/X-Amz-Signature=[0-9a-f]{64}/g, 'X-Amz-Signature=<SIG>'],
  [/\\"[0-9a-f]{32}(-\d+)?\\"/g, '\\"<ETAG>\\"'],
  [/"[0-9a-f]{32}(-\d+)?"/g, '"<ETAG>"'],
  [/\(\d+(\.\d+)? (Bytes?|KiB|MiB|GiB)\/s\)/g, '(<RATE>)'],
  [/("(CiphertextBlob|Plaintext|CiphertextForDataKey)": )"[A-Za-z0-9+/=]+"/g, '$1"<BLOB>"'],
  [/\b(CRC32|CRC32C|CRC64NVME)\b/g, '<CHECKSUM>'],
  [/ +\n/g, '\n'], // the progress line's padding depends on the rate's width
]

export const mask = (text: string) => RULES.reduce((t, [re, to]) => t.replace(re, to), text)
