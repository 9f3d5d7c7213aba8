/** One error type for every refusal, so callers can tell a crypto failure from a network one. */
export type CseErrorCode =
  | 'TagMismatch' // GCM authentication failed: the body, IV or tag was altered, or the key is wrong
  | 'CommitmentMismatch' // V3 key commitment did not match the data key and message id
  | 'KeyUnwrapFailed' // the wrapped data key could not be decrypted or its algorithm binding is wrong
  | 'InvalidMetadata' // missing, mixed or malformed content metadata
  | 'Unsupported' // a format, wrap or mode this library does not implement (named in the message)
  | 'WrongKeyring' // the object was wrapped with a different kind of key
  | 'RangeRefused' // ranged decryption is unauthenticated and needs an explicit opt-in

export class CseError extends Error {
  constructor(
    readonly code: CseErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'S3EncryptionClientError'
  }
}
