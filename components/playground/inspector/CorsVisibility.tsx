import { BLOCKED_NOTE } from '@/lib/cors/explain'
import { corsVisibility } from '@/lib/inspector/cors-visibility'
import type { Exchange } from '@/lib/inspector/exchange'

/**
 * For a real target: which response headers the page could read, and which CORS hid (greyed). The page
 * never sees a hidden header's value; it is listed because the operation can return it.
 */
export function CorsVisibility({ exchange }: { exchange: Exchange }) {
  if (!exchange.target) return null
  if (exchange.blocked) {
    return (
      <p
        role="note"
        className="mt-2 rounded border border-amber-700 p-1 text-xs dark:border-amber-300"
        data-testid="cors-blocked"
      >
        {BLOCKED_NOTE}
      </p>
    )
  }
  const hidden = corsVisibility(exchange).filter((r) => r.visibility !== 'readable')
  if (hidden.length === 0) return null
  return (
    <div className="mt-2" data-testid="cors-hidden">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">
        Headers the page could not read
      </h4>
      <p className="text-xs text-[var(--muted)]">
        {exchange.sentHeaders
          ? 'The server reported what it sent; these never reached the page.'
          : 'Not CORS-safelisted and not exposed: the server may have sent them.'}
      </p>
      <table className="w-full table-fixed font-mono text-xs">
        <tbody>
          {hidden.map((r) => (
            <tr
              key={r.name}
              className="text-[var(--muted)] line-through decoration-1"
              data-visibility={r.visibility}
              title={r.why}
            >
              <th scope="row" className="w-2/5 break-all py-0.5 pr-2 text-left align-top font-normal">
                {r.name}
              </th>
              <td className="break-all py-0.5 align-top">
                {r.visibility === 'hidden' ? 'hidden by CORS' : 'possibly sent, hidden by CORS'}
                {r.sentValue !== undefined && <span className="block">sent: {r.sentValue}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
