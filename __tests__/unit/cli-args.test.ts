import { describe, expect, it } from '@jest/globals'
import { parseCli } from '../../src/cli/args.js'
import { InputError } from '../../src/core/errors.js'

describe('parseCli', () => {
  it('maps run flags onto the action input names and keeps the command after --', () => {
    const invocation = parseCli(
      [
        'run',
        '--stack',
        'A',
        '--stack',
        'B',
        '--table',
        'locks',
        '--lease',
        '10m',
        '--',
        'npx',
        'cdk',
        'deploy',
        '--all'
      ],
      {}
    )
    expect(invocation.command).toBe('run')
    expect(invocation.settings).toMatchObject({ 'stack-name': 'A\nB', 'lock-table': 'locks', lease: '10m' })
    expect(invocation.commandLine).toEqual(['npx', 'cdk', 'deploy', '--all'])
  })

  it('passes the watch flags under their input names, so the CLI and the action share one parser', () => {
    const invocation = parseCli(
      ['watch', '--stack', 'A', '--poll-interval', '1s', '--slow-resource-after', '5m'],
      {}
    )
    expect(invocation.settings).toMatchObject({ 'poll-interval': '1s', 'slow-resource-after': '5m' })
  })

  it('takes the table from DEPLOY_GUARD_TABLE when --table is not given', () => {
    expect(parseCli(['status'], { DEPLOY_GUARD_TABLE: 'team-locks' }).settings['lock-table']).toBe(
      'team-locks'
    )
  })

  it.each<[string, string[], string]>([
    [
      'an unknown command',
      ['deploy'],
      'Unknown command "deploy". Valid commands: run, watch, diagnose, explain, lock, unlock, status, freeze, unfreeze, help, version. See deploy-guard help.'
    ],
    ['an unknown flag', ['lock', '--stak', 'A'], "Unknown option '--stak'"],
    [
      'run without a command',
      ['run', '--stack', 'A', '--table', 'locks'],
      'run: no deploy command. Put it after --, e.g. deploy-guard run --stack MyStack --table deploy-locks -- npx cdk deploy MyStack'
    ]
  ])('rejects %s with exit code 2', (_, argv, message) => {
    const attempt = () => parseCli(argv, {})
    expect(attempt).toThrow(InputError)
    expect(attempt).toThrow(message)
    try {
      attempt()
    } catch (error) {
      expect((error as InputError).exitCode).toBe(2)
    }
  })

  it.each([[[]], [['--help']], [['-h']]])('shows help for %p', argv => {
    expect(parseCli(argv, {}).command).toBe('help')
  })
})
