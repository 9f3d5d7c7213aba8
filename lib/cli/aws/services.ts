/** The model-driven services of the CLI: `aws s3api|kms|cloudtrail|sts <operation>`. */
import * as S3 from '@aws-sdk/client-s3'
import * as KMS from '@aws-sdk/client-kms'
import * as CloudTrail from '@aws-sdk/client-cloudtrail'
import * as STS from '@aws-sdk/client-sts'
import type { Clients, ServiceName } from '../../sdk/clients'
import type { ServiceModel } from './model'
import s3Model from '../models/s3.json'
import kmsModel from '../models/kms.json'
import cloudtrailModel from '../models/cloudtrail.json'
import stsModel from '../models/sts.json'

export interface ApiService {
  /** The CLI command name (`s3api` for S3). */
  command: string
  service: ServiceName
  model: ServiceModel
  /** The SDK package's exports, where `<Operation>Command` classes live. */
  sdk: Record<string, unknown>
}

export const API_SERVICES: ApiService[] = [
  { command: 's3api', service: 's3', model: s3Model as unknown as ServiceModel, sdk: S3 },
  { command: 'kms', service: 'kms', model: kmsModel as unknown as ServiceModel, sdk: KMS },
  { command: 'cloudtrail', service: 'cloudtrail', model: cloudtrailModel as unknown as ServiceModel, sdk: CloudTrail },
  { command: 'sts', service: 'sts', model: stsModel as unknown as ServiceModel, sdk: STS },
]

export const clientFor = (clients: Clients, service: ServiceName) => clients[service]
