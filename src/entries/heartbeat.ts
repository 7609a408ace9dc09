import { runHeartbeatProcess } from '../runtime/heartbeat-process.js'

void runHeartbeatProcess()
