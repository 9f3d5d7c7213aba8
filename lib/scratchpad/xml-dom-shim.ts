/**
 * Just enough of `DOMParser` for the AWS SDK's browser XML parser (@aws-sdk/xml-builder), which a Web
 * Worker lacks: without it every S3 XML answer in the scratchpad worker (ListBuckets, any error) fails with
 * "DOMParser is not defined". Built on fast-xml-parser, which the emulator already uses. Provides the
 * members the SDK reads: documentElement, getElementsByTagName, nodeType, nodeName, attributes,
 * childNodes, textContent; and `Node.ELEMENT_NODE` / `Node.TEXT_NODE`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'

const ELEMENT_NODE = 1
const TEXT_NODE = 3

interface ShimText {
  nodeType: typeof TEXT_NODE
  nodeName: '#text'
  textContent: string
}

interface ShimElement {
  nodeType: typeof ELEMENT_NODE
  nodeName: string
  attributes: { name: string; value: string }[]
  childNodes: ShimNode[]
  readonly textContent: string
  getElementsByTagName(name: string): ShimElement[]
}

type ShimNode = ShimText | ShimElement

function element(nodeName: string, attributes: { name: string; value: string }[], childNodes: ShimNode[]): ShimElement {
  return {
    nodeType: ELEMENT_NODE,
    nodeName,
    attributes,
    childNodes,
    get textContent() {
      return childNodes.map((c) => c.textContent).join('')
    },
    getElementsByTagName: (name) => descendants(childNodes, name),
  }
}

const descendants = (nodes: ShimNode[], name: string): ShimElement[] =>
  nodes.flatMap((n) =>
    n.nodeType === ELEMENT_NODE
      ? [...(n.nodeName === name || name === '*' ? [n] : []), ...descendants(n.childNodes, name)]
      : [],
  )

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
})

type Ordered = Record<string, unknown>

function toNodes(items: Ordered[]): ShimNode[] {
  return items.flatMap((item): ShimNode[] => {
    if ('#text' in item) return [{ nodeType: TEXT_NODE, nodeName: '#text', textContent: String(item['#text']) }]
    const name = Object.keys(item).find((k) => k !== ':@')
    if (!name) return []
    const attrs = Object.entries((item[':@'] as Record<string, unknown> | undefined) ?? {}).map(([n, v]) => ({
      name: n,
      value: String(v),
    }))
    return [element(name, attrs, toNodes(item[name] as Ordered[]))]
  })
}

export class ShimDOMParser {
  parseFromString(xml: string, _type: string) {
    const root =
      XMLValidator.validate(xml) === true
        ? toNodes(parser.parse(xml) as Ordered[]).find((n): n is ShimElement => n.nodeType === ELEMENT_NODE)
        : undefined
    const documentElement =
      root ?? element('parsererror', [], [{ nodeType: TEXT_NODE, nodeName: '#text', textContent: 'XML parsing error' }])
    return { documentElement, getElementsByTagName: (name: string) => descendants([documentElement], name) }
  }
}

/** Installs the shim where there is no DOMParser (a worker); leaves a real one alone. */
export function installDomParserShim(scope: Record<string, unknown>): void {
  if (typeof scope.DOMParser === 'function') return
  scope.DOMParser = ShimDOMParser
  if (scope.Node === undefined) scope.Node = { ELEMENT_NODE, TEXT_NODE }
}
