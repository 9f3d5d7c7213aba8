/**
 * KMS errors, thrown by the core with AWS's `__type` name and rendered once, as JSON, at the protocol edge.
 * Messages follow docs/fidelity.md §K3.6 and docs/kms.md: AWS's own text where it is known, local-kms's (written to
 * mimic AWS) otherwise, and a plain description, marked as ours, where neither is known.
 */
export class KmsError extends Error {
  constructor(
    readonly code: string,
    message = '',
    readonly status = 400,
  ) {
    super(message)
    this.name = 'KmsError'
  }
}

export const isKmsError = (error: unknown): error is KmsError => error instanceof KmsError

export const keyNotFound = (arn: string) => new KmsError('NotFoundException', `Key '${arn}' does not exist`)
export const aliasNotFound = (aliasArn: string) => new KmsError('NotFoundException', `Alias ${aliasArn} is not found.`)
/** An identifier that is not a key id, key ARN or (where accepted) alias at all. */
export const invalidKeyId = (given: string) => new KmsError('NotFoundException', `Invalid keyId '${given}'`)
/** A well-formed ARN for another Region. */
export const invalidArnRegion = (region: string) => new KmsError('NotFoundException', `Invalid arn ${region}`)

export const disabled = (arn: string) => new KmsError('DisabledException', `${arn} is disabled.`)
export const pendingDeletion = (arn: string) => new KmsError('KMSInvalidStateException', `${arn} is pending deletion.`)
export const notPendingDeletion = (arn: string) =>
  new KmsError('KMSInvalidStateException', `${arn} is not pending deletion.`)

/** AWS sends no message: nothing may hint at which of blob, key or context was wrong. */
export const invalidCiphertext = () => new KmsError('InvalidCiphertextException')
export const incorrectKey = () =>
  new KmsError(
    'IncorrectKeyException',
    'The key ID in the request does not identify a CMK that can perform this operation.',
  )
export const ciphertextKeyInaccessible = () =>
  new KmsError(
    'AccessDeniedException',
    'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
  )

/** AWS's IAM-style denial text, naming why: an explicit Deny, or no Allow at all. */
export const accessDenied = (principal: string, action: string, keyArn: string, explicit: boolean) =>
  new KmsError(
    'AccessDeniedException',
    `User: ${principal} is not authorized to perform: ${action} on resource: ${keyArn} ` +
      (explicit
        ? 'with an explicit deny in a resource-based policy'
        : `because no resource-based policy allows the ${action} action`),
  )

export const aliasExists = (aliasArn: string) =>
  new KmsError('AlreadyExistsException', `An alias with the name ${aliasArn} already exists`)
/** Creating, changing or deleting an `alias/aws/...` alias (local-kms answers so, with no message). */
export const reservedAlias = () => new KmsError('NotAuthorizedException')
export const aliasPrefix = () =>
  new KmsError(
    'ValidationException',
    'Alias must start with the prefix "alias/". Please see http://docs.aws.amazon.com/kms/latest/developerguide/programming-aliases.html',
  )

/** Coral's format: "1 validation error detected: Value '5' at 'pendingWindowInDays' failed to satisfy constraint: ...". */
export function validation(violations: readonly string[]): KmsError {
  const n = violations.length
  return new KmsError(
    'ValidationException',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
  )
}
export const violation = (value: string | null | undefined, path: string, constraint: string) =>
  `Value${value === undefined ? '' : value === null ? ' null' : ` '${value}'`} at '${path}' failed to satisfy constraint: ${constraint}`

export const malformedPolicy = (message: string) => new KmsError('MalformedPolicyDocumentException', message)
export const unsupported = (message: string) => new KmsError('UnsupportedOperationException', message)
export const invalidMarker = () => new KmsError('InvalidMarkerException', 'Invalid marker')
export const dryRun = () =>
  new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.')
export const internal = () => new KmsError('KMSInternalException', 'An internal error occurred in the emulator.', 500)
