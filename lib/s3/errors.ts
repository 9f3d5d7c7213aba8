/**
 * S3 errors, thrown by the core with their AWS code and rendered once, as XML, at the protocol edge.
 * Messages are S3's own text (see docs/s3-behaviour.md for the sources).
 */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Extra elements S3 puts in the <Error> body, in order (BucketName, Key, ArgumentName...). */
    readonly fields: Record<string, string> = {},
    /** Response headers S3 sends with this error (e.g. x-amz-delete-marker). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'S3Error'
  }
}

export const noSuchBucket = (bucket: string) =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket })

export const noSuchKey = (key: string) =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key })

export const invalidArgument = (message: string, name?: string, value?: string) =>
  new S3Error('InvalidArgument', message, 400, {
    ...(name !== undefined ? { ArgumentName: name } : {}),
    ...(value !== undefined ? { ArgumentValue: value } : {}),
  })

export const invalidRequest = (message: string) => new S3Error('InvalidRequest', message, 400)

export const malformedXml = () =>
  new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  )

export const notImplemented = (header: string) =>
  new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, {
    Header: header,
  })

export const internalError = () =>
  new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500)

export const accessDenied = (message = 'Access Denied') => new S3Error('AccessDenied', message, 403)

export const noSuchUpload = (uploadId: string) =>
  new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    {
      UploadId: uploadId,
    },
  )

export const invalidPart = (fields: Record<string, string> = {}) =>
  new S3Error(
    'InvalidPart',
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    400,
    fields,
  )
