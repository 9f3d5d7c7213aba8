/** The static build's Content-Security-Policy (scripts/csp.mjs puts it in a meta tag); none in development. */
export const pageConnectPolicy = (): string | undefined =>
  typeof document === 'undefined'
    ? undefined
    : document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content
