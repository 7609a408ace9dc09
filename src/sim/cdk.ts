import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SIM_METADATA_KEY } from './templates.js'

// import.meta.url, not import.meta.dirname: jest 29's ESM runtime does not provide the latter.
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The hand-written cloud assembly `cdk deploy --app <dir>` deploys against the sim: a manifest and JSON templates, no
 * aws-cdk-lib, no assets, no bootstrap version requirement (so no SSM or S3 call). Its artifacts:
 * - `CourtCaseManagementStack`: incident A; its template's `DeployGuardSim` metadata plays `create-fails-db-35m`.
 * - `CourtCaseManagementStackFixed`: the same stack name with a second subnet; plays `create-succeeds`.
 * - `ApiStack`, `WebStack`: plain templates the sim plays resource by resource; neither sets `terminationProtection`,
 *   like most CDK apps.
 */
export const CDK_APP_DIR = join(ROOT, 'src', 'sim', 'cdk-app')

/** The CDK CLI from the pinned `aws-cdk` devDependency. */
export const CDK_BIN = join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk')

export interface CdkWorkspace {
  /** The temporary folder holding both; remove it when done. */
  dir: string
  /** A copy of the cloud assembly (the CLI puts its lock files beside the manifest). */
  app: string
  /** HOME for the CLI: its cache and configuration stay out of the user's. */
  home: string
}

/** One temporary HOME and assembly copy, reused by every `cdk` a test file or the demo runs. */
export function cdkWorkspace(): CdkWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-guard-cdk-'))
  const app = join(dir, 'cdk.out')
  cpSync(CDK_APP_DIR, app, { recursive: true })
  const home = join(dir, 'home')
  mkdirSync(home)
  return { dir, app, home }
}

/**
 * What `cdk deploy` needs beyond the SDK's standard `AWS_ENDPOINT_URL_*` (which the sim answers): STS for the
 * default account, a HOME of its own, and nothing that reaches the internet — no version check, no notices, no
 * telemetry (CI=true also keeps it from prompting).
 */
export function cdkEnv(simUrl: string, workspace: CdkWorkspace): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_STS: simUrl,
    AWS_ENDPOINT_URL_CLOUDFORMATION: simUrl,
    HOME: workspace.home,
    CI: 'true',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    FORCE_COLOR: '0',
    // The CLI is a 29 MB bundle: compiling it once per workspace instead of per run saves about a second a start.
    NODE_COMPILE_CACHE: join(workspace.home, '.node-compile-cache')
  }
}

/** `cdk deploy` of the given artifacts from the workspace's assembly, without prompts or notices. */
export function cdkDeployArgs(workspace: CdkWorkspace, stacks: string[], extra: string[] = []): string[] {
  return [
    CDK_BIN,
    'deploy',
    '--app',
    workspace.app,
    '--require-approval',
    'never',
    '--no-notices',
    '--progress',
    'events',
    ...extra,
    ...stacks
  ]
}

/**
 * Adds an artifact to the workspace's assembly whose template names a sim scenario, so the real `cdk deploy` can
 * play any scenario that starts with a change set. Returns the artifact id to pass to `cdk deploy`.
 */
export function addScenarioStack(
  workspace: CdkWorkspace,
  stackName: string,
  scenario: string,
  options: Record<string, unknown> = {}
): string {
  const id = `${stackName}-${scenario}`
  const templateFile = `${id}.template.json`
  const template = {
    Metadata: { [SIM_METADATA_KEY]: { Scenario: scenario, Options: options } },
    Resources: { Placeholder: { Type: 'AWS::CloudFormation::WaitConditionHandle' } }
  }
  writeFileSync(join(workspace.app, templateFile), JSON.stringify(template, null, 1))
  const manifestPath = join(workspace.app, 'manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { artifacts: Record<string, unknown> }
  manifest.artifacts[id] = {
    type: 'aws:cloudformation:stack',
    environment: 'aws://123456789012/us-east-1',
    properties: { templateFile, stackName, validateOnSynth: false },
    displayName: id
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1))
  return id
}
