// `npm run summary-png`: renders the job summary of incident A (the database that failed after 35 minutes, the stack
// CDK's role then deleted) to docs/summary-incident-a.png, as GitHub shows it: the markdown from the real diagnosis
// against the sim, rendered by cmark-gfm (GitHub's renderer, Debian package `cmark-gfm`) with GitHub's extensions,
// its Mermaid chart drawn by Mermaid's browser bundle (node_modules/mermaid), photographed by headless Chromium
// (Debian package `chromium`). Not part of CI: run it after changing the summary, and commit the PNG.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lazyEvidenceReaders } from '../src/aws/evidence/index.js'
import { systemClock } from '../src/core/clock.js'
import { diagnoseStack } from '../src/core/diagnose/index.js'
import { renderSummaryMarkdown } from '../src/core/report/render.js'
import { incidentPrincipals } from '../src/sim/principals.js'
import { ROOT_DIR } from '../src/sim/runner.js'
import { startSim } from '../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
const OUT = join(ROOT_DIR, 'docs', 'summary-incident-a.png')

const sim = await startSim({ cloudTrailRatePerSecond: Infinity })
let markdown: string
try {
  sim.deploy(STACK, 'create-fails-db-35m', { startAt: 'past' })
  const config = {
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: incidentPrincipals().deployer.accessKeyId, secretAccessKey: 'sim' }
  }
  for (const service of ['ECS', 'RDS', 'CLOUDWATCH_LOGS'])
    process.env[`AWS_ENDPOINT_URL_${service}`] = sim.url
  process.env.AWS_ACCESS_KEY_ID = config.credentials.accessKeyId
  process.env.AWS_SECRET_ACCESS_KEY = 'sim'
  const report = await diagnoseStack(
    {
      cfn: new CloudFormationClient(config),
      trail: new CloudTrailClient(config),
      evidence: lazyEvidenceReaders({ region: 'us-east-1', maxAttempts: 1 }),
      clock: systemClock
    },
    { stackName: STACK, region: 'us-east-1' }
  )
  markdown = renderSummaryMarkdown(report)
} finally {
  await sim.close()
}

const body = execFileSync(
  'cmark-gfm',
  ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '-t', 'html'],
  { input: markdown }
)
  .toString()
  // GitHub draws ```mermaid blocks as charts; Mermaid's bundle looks for <pre class="mermaid">.
  .replace(/<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g, '<pre class="mermaid">$1</pre>')

const dir = mkdtempSync(join(tmpdir(), 'summary-png-'))
const page = join(dir, 'summary.html')
writeFileSync(
  page,
  `<!doctype html><html><head><meta charset="utf-8"><style>
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328;
  max-width: 980px; margin: 16px auto; padding: 0 16px; }
table { border-collapse: collapse; display: block; overflow: auto; margin: 0 0 16px; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; } th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
code, pre { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; } pre { background: #f6f8fa; padding: 16px; overflow: auto; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
a { color: #0969da; text-decoration: none; } h3, h4 { margin: 24px 0 16px; } pre.mermaid { background: none; }
</style></head><body>${body}
<script src="file://${join(ROOT_DIR, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js')}"></script>
<script>mermaid.initialize({ startOnLoad: true, theme: 'default', gantt: { useWidth: 940 } })</script>
</body></html>`
)
execFileSync(
  'chromium',
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${join(dir, 'profile')}`,
    '--allow-file-access-from-files',
    '--hide-scrollbars',
    '--virtual-time-budget=15000',
    '--window-size=1012,1700',
    `--screenshot=${OUT}`,
    `file://${page}`
  ],
  { stdio: 'inherit' }
)
console.log(`Wrote ${OUT} from ${page}`)
