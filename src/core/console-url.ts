/** A link into the AWS console of `region`; `path` starts at the service (e.g. `rds/home?region=…#events:`). */
export function consoleUrl(region: string, path: string): string {
  return `https://${region}.console.aws.amazon.com/${path}`
}
