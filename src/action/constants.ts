/** Every input, output and state name the actions use (the actions/cache convention): one place to rename. */
export const Inputs = {
  StackName: 'stack-name',
  LockTable: 'lock-table',
  LockKey: 'lock-key',
  LockKeyAttribute: 'lock-key-attribute',
  Lease: 'lease',
  WaitTimeout: 'wait-timeout',
  Reason: 'reason',
  Region: 'region',
  OutOfOrder: 'out-of-order',
  WaitOnFreeze: 'wait-on-freeze',
  Queue: 'queue',
  Run: 'run',
  Force: 'force',
  TerminationProtection: 'termination-protection',
  ReplaceFailedCreate: 'replace-failed-create',
  WatchTimeout: 'watch-timeout',
  StartTimeout: 'start-timeout',
  PollInterval: 'poll-interval',
  SlowResourceAfter: 'slow-resource-after',
  CommandGrace: 'command-grace',
  StopAfterStackSettles: 'stop-after-stack-settles'
} as const

export const WATCH_INPUTS = [
  Inputs.StackName,
  Inputs.Region,
  Inputs.TerminationProtection,
  Inputs.ReplaceFailedCreate,
  Inputs.WatchTimeout,
  Inputs.StartTimeout,
  Inputs.PollInterval,
  Inputs.SlowResourceAfter,
  Inputs.CommandGrace,
  Inputs.StopAfterStackSettles
] as const

export const LOCK_INPUTS = [
  Inputs.StackName,
  Inputs.LockTable,
  Inputs.LockKey,
  Inputs.LockKeyAttribute,
  Inputs.Lease,
  Inputs.WaitTimeout,
  Inputs.Reason,
  Inputs.Region,
  Inputs.OutOfOrder,
  Inputs.WaitOnFreeze,
  Inputs.Queue
] as const

export const Outputs = {
  LockKey: 'lock-key',
  Fence: 'fence',
  WaitedSeconds: 'waited-seconds',
  Holder: 'holder',
  ExitCode: 'exit-code',
  Released: 'released',
  StackStatus: 'stack-status',
  StackId: 'stack-id',
  Failed: 'failed',
  DurationSeconds: 'duration-seconds',
  ProtectedStacks: 'protected-stacks',
  ProtectionRestored: 'protection-restored'
} as const

export const State = {
  /** JSON of the leases this job holds: what post needs to release them by owner token. */
  Leases: 'leases',
  Released: 'released',
  HeartbeatPid: 'heartbeat-pid',
  HeartbeatLog: 'heartbeat-log',
  Settings: 'settings',
  /** JSON of the deploy command's process group while it runs; empty once it ended (the post step stops a leftover). */
  CommandGroup: 'command-group'
} as const
