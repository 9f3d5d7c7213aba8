/** Just enough XML for S3: a writer for responses and a tolerant parser for request bodies. */
import { XMLParser } from 'fast-xml-parser'

export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

/** Characters XML 1.0 cannot carry at all, even as references (C0 controls but tab, LF, CR; U+FFFE/FFFF; lone surrogates). */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const NOT_XML_ALL = new RegExp(NOT_XML.source, 'g')

/** Whether a text needs EncodingType=url to travel in a listing (S3 switches to it: docs/fidelity.md §10.3, Q10). */
export const needsUrlEncoding = (text: string) => NOT_XML.test(text)

// CR and LF are written as references, as S3 does, so that XML parsers do not normalise them away. What XML
// cannot carry at all becomes U+FFFD: a document is always well-formed (listings url-encode such keys instead).
const escape = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(NOT_XML_ALL, '\ufffd')

/** A node: text, a nested list of nodes, or nothing (omitted). */
export type XmlContent = string | number | boolean | undefined | XmlNode[]
export type XmlNode = [name: string, content: XmlContent] | undefined

export function renderNode(node: XmlNode): string {
  if (!node) return ''
  const [name, content] = node
  if (content === undefined) return ''
  if (Array.isArray(content)) return `<${name}>${content.map(renderNode).join('')}</${name}>`
  return `<${name}>${escape(String(content))}</${name}>`
}

/** A whole document with the S3 namespace on the root element. */
export function xmlDocument(root: string, children: XmlNode[], namespace: string | undefined = S3_NS): string {
  const ns = namespace ? ` xmlns="${namespace}"` : ''
  return `${DECLARATION}<${root}${ns}>${children.map(renderNode).join('')}</${root}>`
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  // Numeric character references (&#34;) are XML: Go's encoder (rclone's SDK) writes ETag quotes that way.
  htmlEntities: true,
  isArray: () => true, // every element is a list; callers pick what they expect
})

export type ParsedXml = Record<string, ParsedXml[] | string[]>

/** Returns undefined for anything that is not well-formed XML. */
export function parseXml(text: string): ParsedXml | undefined {
  if (!text.trim().startsWith('<')) return undefined
  try {
    const result = parser.parse(text, true) as ParsedXml
    return result
  } catch {
    return undefined
  }
}

/** Children named `name` of a parsed element. */
export const children = (node: ParsedXml | undefined, name: string): ParsedXml[] =>
  ((node?.[name] as ParsedXml[] | undefined) ?? []).map((c) =>
    typeof c === 'string' ? ({ '#text': [c] } as ParsedXml) : c,
  )

/** Text of the first child named `name`. */
export function text(node: ParsedXml | undefined, name: string): string | undefined {
  const value = node?.[name]?.[0]
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  const inner = value['#text']?.[0]
  return typeof inner === 'string' ? inner : ''
}

/** Texts of every child named `name` (flattened lists such as <EncryptionType>). */
export const texts = (node: ParsedXml | undefined, name: string): string[] =>
  ((node?.[name] as unknown[] | undefined) ?? []).map((v) => (typeof v === 'string' ? v : ''))
