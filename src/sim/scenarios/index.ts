import { busyWithOthersUpdate, existingStackUpdate, updateRollbackFailed } from './busy.js'
import type { Scenario } from './common.js'
import { earlyValidationFails, hookFails } from './early.js'
import { evidenceScenarios } from './evidence.js'
import { hostileText } from './hostile.js'
import { incidentScenarios } from './incident.js'
import { largeNested, nestedChildFails } from './nested.js'
import { updateRollsBack } from './update.js'

export { EXECUTE_AT, type Scenario, type ScenarioContext } from './common.js'
export { SIM_DB_PASSWORD } from './incident.js'
export { HOSTILE_TEXT } from './hostile.js'

/** Every scripted lifecycle by name; add one by writing a `Scenario` and listing it here. */
export const scenarios: Record<string, Scenario> = {
  ...incidentScenarios,
  'update-rolls-back': updateRollsBack,
  'nested-child-fails': nestedChildFails,
  'early-validation-fails': earlyValidationFails,
  'hook-fails': hookFails,
  'large-nested': largeNested,
  ...evidenceScenarios,
  'hostile-text': hostileText,
  'busy-with-others-update': busyWithOthersUpdate,
  'update-rollback-failed': updateRollbackFailed,
  'existing-stack-update': existingStackUpdate
}
