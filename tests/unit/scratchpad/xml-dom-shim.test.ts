/** The worker's DOMParser shim gives the SDK's browser XML parser the same result as the SDK's Node parser. */
import { describe, expect, it } from 'vitest'
import { parseXML as nodeParse } from '@aws-sdk/xml-builder'
import { installDomParserShim } from '@/lib/scratchpad/xml-dom-shim'

const XMLS = [
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidRequest</Code><Message>The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>abc=</HostId></Error>`,
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>abc</ID><DisplayName>me</DisplayName></Owner><Buckets><Bucket><Name>a</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket><Bucket><Name>b &amp; c</Name><CreationDate>2026-01-02T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`,
  `<ServerSideEncryptionConfiguration>\n  <Rule>\n    <ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault>\n    <BucketKeyEnabled>true</BucketKeyEnabled>\n    <Empty></Empty>\n  </Rule>\n</ServerSideEncryptionConfiguration>`,
]

describe('DOMParser shim for the scratchpad worker', () => {
  it('makes the SDK browser parser agree with its Node parser', async () => {
    const scope = globalThis as unknown as Record<string, unknown>
    expect(scope.DOMParser).toBeUndefined()
    installDomParserShim(scope)
    try {
      // The file the browser build of @aws-sdk/xml-builder uses (package.json "browser" field).
      const { parseXML: browserParse } = await import('@aws-sdk/xml-builder/dist-es/xml-parser.browser.js' as string)
      for (const xml of XMLS) expect(browserParse(xml), xml.slice(0, 60)).toEqual(nodeParse(xml))
      expect(() => browserParse('<a><b></a>')).toThrow('DOMParser XML parsing error.')
    } finally {
      delete scope.DOMParser
      delete scope.Node
    }
  })
})
