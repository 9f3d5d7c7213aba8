/** The request-body XML parser: what real clients write must read back as the text they meant. */
import { describe, expect, it } from 'vitest'
import { children, parseXml, text } from '@/lib/protocol/xml'

describe('parseXml', () => {
  it("decodes numeric character references, as Go's XML encoder (rclone, aws-sdk-go) writes an ETag's quotes", () => {
    const doc = parseXml(
      '<CompleteMultipartUpload><Part><ETag>&#34;274f5f3a&#34;</ETag><PartNumber>1</PartNumber></Part>' +
        '<Part><ETag>&#x22;e3eb&#x22;</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>',
    )
    const parts = children(children(doc, 'CompleteMultipartUpload')[0], 'Part')
    expect(parts.map((p) => text(p, 'ETag'))).toEqual(['"274f5f3a"', '"e3eb"'])
  })

  it('decodes the predefined entities once, never twice', () => {
    const doc = parseXml('<Delete><Object><Key>a&amp;#34;b &lt;c&gt; &quot;d&apos;</Key></Object></Delete>')
    expect(text(children(children(doc, 'Delete')[0], 'Object')[0], 'Key')).toBe('a&#34;b <c> "d\'')
  })
})
