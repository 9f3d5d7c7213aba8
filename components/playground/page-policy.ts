/**
 * The page's origin (`https://host:port`), read here once for everything that names it: lib/ never reads
 * `location` (eslint.config.mjs refuses it there), so the terminal session and the CORS texts get it from here.
 */
export const pageOrigin = (): string | undefined => (typeof location === 'undefined' ? undefined : location.origin)

/** The static build's Content-Security-Policy (scripts/csp.mjs puts it in a meta tag); none in development. */
export const pageConnectPolicy = (): string | undefined =>
  typeof document === 'undefined'
    ? undefined
    : document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content
