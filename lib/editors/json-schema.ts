/**
 * The subset of JSON Schema (draft-07) the editors use, plus the extensions Monaco's JSON language service
 * reads: `markdownDescription` (hover), `markdownEnumDescriptions` (completion details) and
 * `defaultSnippets` (whole-object completions).
 */
export interface JsonSchema {
  $schema?: string
  title?: string
  type?: 'object' | 'array' | 'string' | 'boolean' | 'number'
  description?: string
  markdownDescription?: string
  properties?: Record<string, JsonSchema>
  patternProperties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  propertyNames?: JsonSchema
  required?: string[]
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  enum?: (string | boolean)[]
  markdownEnumDescriptions?: string[]
  pattern?: string
  patternErrorMessage?: string
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  not?: JsonSchema
  examples?: unknown[]
  defaultSnippets?: { label: string; description?: string; body: unknown }[]
  minProperties?: number
}

/** Every complete document a schema offers at its root (snippets and examples), to test each one against the emulator. */
export function rootExamples(schema: JsonSchema): { label: string; document: unknown }[] {
  return [
    ...(schema.defaultSnippets ?? []).map((s) => ({ label: s.label, document: s.body })),
    ...(schema.examples ?? []).map((document, i) => ({ label: `example ${i + 1}`, document })),
  ]
}

/** Every value offered anywhere below the root (property examples and snippets), with the path it belongs at. */
export function nestedExamples(schema: JsonSchema, path: string[] = []): { path: string[]; value: unknown }[] {
  const here =
    path.length === 0
      ? []
      : [
          ...(schema.examples ?? []).map((value) => ({ path, value })),
          ...(schema.defaultSnippets ?? []).map((s) => ({ path, value: s.body })),
        ]
  const below = [
    ...Object.entries(schema.properties ?? {}).flatMap(([name, s]) => nestedExamples(s, [...path, name])),
    ...Object.entries(schema.patternProperties ?? {}).flatMap(([name, s]) => nestedExamples(s, [...path, `/${name}/`])),
    ...(schema.items ? nestedExamples(schema.items, [...path, '[]']) : []),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => nestedExamples(s, path)),
  ]
  return [...here, ...below]
}
