/** How aws-cli words failures that come back from a service or from the network. */

const REASONS: Record<number, string> = {
  301: 'Moved Permanently',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  411: 'Length Required',
  412: 'Precondition Failed',
  416: 'Requested Range Not Satisfiable',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
}

export interface ServiceFailure {
  code: string
  message: string
  status?: number
}

interface SdkError {
  name?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
  $response?: unknown
}

/** A service error as botocore reports it. A HEAD error has no body, so only its status is known. */
export function serviceFailure(error: unknown): ServiceFailure | undefined {
  const e = error as SdkError
  const status = e?.$metadata?.httpStatusCode
  if (status === undefined || status < 300) return undefined
  // No error code came back (a HEAD, or an empty body): botocore names the error by its status.
  const codeless =
    !e.name || e.name === 'NotFound' || e.name === 'Unknown' || e.name === 'UnknownError' || /^\d+$/.test(e.name)
  if (e.message === 'UnknownError' && codeless)
    return { code: String(status), message: REASONS[status] ?? 'Unknown', status }
  // A code without a message (KMS's InvalidCiphertextException) prints an empty message.
  return { code: e.name ?? String(status), message: e.message === 'UnknownError' ? '' : (e.message ?? ''), status }
}

export const serviceErrorText = (f: ServiceFailure, operation: string) =>
  // botocore's format, whose message may be empty (leaving a trailing space).
  `An error occurred (${f.code}) when calling the ${operation} operation: ${f.message}`

/** True when the request never got an HTTP answer (refused, DNS, CORS, worker missing). */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } }
  if (e?.$metadata?.httpStatusCode) return false
  return (
    e?.name === 'TypeError' ||
    ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EAI_AGAIN'].includes(e?.code ?? '') ||
    /fetch failed|Failed to fetch|ECONNREFUSED/.test(e?.message ?? '')
  )
}

export const connectionErrorText = (url: string) => `Could not connect to the endpoint URL: "${url}"`
