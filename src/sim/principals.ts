/** Who made a call: identified by the access key id of the SigV4 `Credential=` of each request. */
export interface Principal {
  type: 'IAMUser' | 'AssumedRole'
  accountId: string
  arn: string
  principalId: string
  accessKeyId: string
  /** CloudTrail's `Username`: the user name, or the role session name for an assumed role. */
  userName: string
  roleName?: string
}

export const DEFAULT_ACCOUNT = '123456789012'

export function iamUser(userName: string, accessKeyId: string, accountId = DEFAULT_ACCOUNT): Principal {
  return {
    type: 'IAMUser',
    accountId,
    arn: `arn:aws:iam::${accountId}:user/${userName}`,
    principalId: `AIDA${accessKeyId.slice(4, 20).toUpperCase()}`,
    accessKeyId,
    userName
  }
}

export function assumedRole(
  roleName: string,
  sessionName: string,
  accessKeyId: string,
  accountId = DEFAULT_ACCOUNT
): Principal {
  const roleId = `AROA${accessKeyId.slice(4, 20).toUpperCase()}`
  return {
    type: 'AssumedRole',
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    principalId: `${roleId}:${sessionName}`,
    accessKeyId,
    userName: sessionName,
    roleName
  }
}

/** The people and roles of INCIDENTS.md, with the access keys tests and demos sign their requests with. */
export function incidentPrincipals(accountId = DEFAULT_ACCOUNT) {
  return {
    deployer: iamUser('iseepatterns-iam-user', 'AKIAISEEPATTERNSIAM1', accountId),
    operator: iamUser('iseepatterns_user', 'AKIAISEEPATTERNSUSR1', accountId),
    cdkRole: assumedRole('aws-cdk-showboat', 'aws-cdk-showboat', 'ASIACDKSHOWBOAT00001', accountId),
    cloudFormation: assumedRole('aws-cdk-showboat', 'AWSCloudFormation', 'ASIACFNONBEHALF00001', accountId)
  }
}

export type IncidentPrincipals = ReturnType<typeof incidentPrincipals>

export function principalMap(principals: Principal[]): Map<string, Principal> {
  return new Map(principals.map(p => [p.accessKeyId, p]))
}

/** Requests signed with a key nobody configured still get a stable identity: an IAM user named after the key. */
export function principalFor(map: Map<string, Principal>, accessKeyId: string | undefined): Principal {
  const key = accessKeyId ?? 'ANONYMOUS'
  return map.get(key) ?? iamUser(`sim-${key}`, key)
}

export function accessKeyOf(authorization: string | undefined): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1]
}
