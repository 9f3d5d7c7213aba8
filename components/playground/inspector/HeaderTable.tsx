import { describeHeader, headerInfo, isEncryptionHeader } from '@/lib/inspector/encryption-headers'
import { Explained } from './Explained'

/** Headers in a table, encryption headers highlighted; explained ones can be hovered or focused for their meaning. */
export function HeaderTable({ title, headers }: { title: string; headers: [string, string][] }) {
  return (
    <div>
      <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">{title}</h4>
      <table className="w-full table-fixed font-mono text-xs">
        <tbody>
          {headers.map(([name, value], i) => {
            const sse = isEncryptionHeader(name)
            const info = headerInfo(name)
            return (
              <tr
                key={`${name}-${i}`}
                className={sse ? 'bg-[var(--sse)] font-semibold text-[var(--sse-fg)]' : ''}
                data-encryption-header={sse ? 'true' : undefined}
                title={info ? describeHeader(info) : undefined}
              >
                <th
                  scope="row"
                  className={`w-2/5 break-all py-0.5 pr-2 text-left align-top ${sse ? 'font-semibold' : 'font-normal'}`}
                >
                  {info ? <Explained info={info}>{name}</Explained> : name}
                </th>
                <td className="break-all py-0.5 align-top">{value}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
