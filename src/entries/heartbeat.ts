import { runHeartbeatProcess } from '../runtime/heartbeat-process.js'

await runHeartbeatProcess()
