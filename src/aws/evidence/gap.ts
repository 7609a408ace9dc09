import { EvidenceGap } from '../../core/evidence/types.js'
import { awsErrorMessage, awsErrorName, isAccessDenied } from '../errors.js'

const NOT_FOUND =
  /ResourceNotFound|NotFound|ClusterNotFoundException|ServiceNotFoundException|DBInstanceNotFound|DBClusterNotFound/

/** Runs one SDK call; a denied permission or a vanished resource becomes an EvidenceGap naming the IAM action. */
export async function read<T>(permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (isAccessDenied(error)) throw new EvidenceGap('denied', permission, awsErrorMessage(error))
    if (NOT_FOUND.test(awsErrorName(error)))
      throw new EvidenceGap('not-found', permission, awsErrorMessage(error))
    throw error
  }
}
