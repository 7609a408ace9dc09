// What only `run` (after the lock is taken), `watch`, `diagnose` and `explain` need: the CloudFormation and
// CloudTrail clients, the watcher, the diagnosis and the report. main.ts imports this module dynamically, for `run`
// while the acquire is in flight (runtime/preload.ts), so the lock commands start without loading any of it.
export { createCloudFormationClient } from '../aws/cloudformation.js'
export { createCloudTrailClient } from '../aws/cloudtrail.js'
export { lazyEvidenceReaders } from '../aws/evidence/index.js'
export { deployWatched, watchDeployment } from '../core/deploy.js'
export { diagnoseStack, explainEvents, formatOperationList, listOperations } from '../core/diagnose/index.js'
export { renderLogSummary, toJson } from '../core/report/render.js'
