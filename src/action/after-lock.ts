// What the lock's actions need only once the lock is held or released: the CloudFormation and CloudTrail clients,
// the watcher, the diagnosis and the report. main.ts imports this module dynamically while the acquire is in flight
// (runtime/preload.ts) and lock-post.ts after the release, so none of it is loaded or compiled before the first
// DynamoDB request.
export { createCloudFormationClient } from '../aws/cloudformation.js'
export { createCloudTrailClient } from '../aws/cloudtrail.js'
export { lazyEvidenceReaders } from '../aws/evidence/index.js'
export { deployWatched } from '../core/deploy.js'
export { diagnoseStack, reportFromEvents } from '../core/diagnose/index.js'
export { diagnoseAndPublish, publishHistory, publishReport, restoreNote, runNotes } from './report.js'
