/** What the terminal and the inspector say when a real endpoint gave the page no readable answer. */

/** `pageOrigin` is the page's origin as the page passed it in (AwsEnv.pageOrigin). */
export function corsFailureText(url: string, service: string, operation?: string, pageOrigin?: string): string {
  const origin = pageOrigin ?? 'this page'
  if (operation === 'ListBuckets')
    return [
      '',
      '[playground] ListBuckets cannot be called from a web page: S3 answers it without CORS, whatever your buckets allow.',
      '  Name your sandbox bucket instead (`playground target bucket NAME`) and list it: `aws s3 ls s3://NAME`.',
      '',
    ].join('\n')
  return [
    '',
    `[playground] The browser got no answer it was allowed to read from ${url}.`,
    `  From a web page that almost always means CORS: the ${service === 's3' ? "bucket's CORS configuration" : 'endpoint'} does not allow`,
    `  ${origin}, this method, or one of the request headers, so the preflight (OPTIONS) was refused`,
    '  and fetch reports only "TypeError: Failed to fetch". It can also be a wrong endpoint or the network.',
    '  Run `playground cors` for the configuration this page needs and the exact command that applies it,',
    '  and `playground cors check` to send the preflights for every planned call.',
    '',
  ].join('\n')
}

/** The inspector's note on a blocked exchange. */
export const BLOCKED_NOTE =
  'No readable response: the browser refused to show this answer to the page (CORS: preflight refused, or no Access-Control-Allow-Origin for this origin), or the endpoint could not be reached. The CORS doctor says which.'
