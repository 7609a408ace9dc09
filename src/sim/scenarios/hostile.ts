import { iamUser } from '../principals.js'
import { MINUTE, SECOND, timeline } from '../script.js'
import { changeSetCalls, onBehalf, rootStack, type Scenario } from './common.js'

/**
 * Text an attacker (or a careless tool) can put where deploy-guard prints AWS text: workflow commands in both of the
 * runner's forms, stop-commands, line breaks, C1 and bidi controls, markdown, HTML, links and Mermaid syntax. Every
 * command names PWNED, so a test can tell one that got through from deploy-guard's own.
 */
export const HOSTILE_TEXT = [
  'Rate exceeded ##[set-output name=deployed;]PWNED',
  '##[add-mask]PWNED and ##[error]PWNED',
  '::add-mask::PWNED',
  '\n::set-output name=deployed::PWNED',
  '\r\n  ::warning title=PWNED::PWNED',
  '\u3000::error::PWNED \u0085::notice::PWNED \u2028::debug::PWNED',
  '::stop-commands::PWNED',
  'admin\u202e\u2066txt.exe\u2069 \u009b31m NEL\u0085 ESC\u001b[2J',
  '<img src=x onerror=alert(1)> </td></tr></table><script>alert(1)</script> <details open>',
  '| extra | cells | [click](javascript:alert(1)) ![x](https://evil.example/x.png) **bold** ~~strike~~ trailing \\',
  'https://evil.example/login www.evil.example root@evil.example https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html',
  '``` fence ``` %%{init: {"theme":"dark"}}%% click Database call alert() #59; section Evil : crit, 0, 1'
]

/** One hostile reason per failing resource, the markers joined so any of them may reach any printer. */
const reason = (i: number) =>
  `Resource handler returned message: "${HOSTILE_TEXT[i % HOSTILE_TEXT.length]} ${HOSTILE_TEXT[(i + 1) % HOSTILE_TEXT.length]}" (RequestToken: t${i}, HandlerErrorCode: InvalidRequest)`

/**
 * A create where every resource at once fails with hostile text in its reason, cascades carry it too, the stack's
 * own events and CloudTrail's principals and error messages are hostile, and the rollback ends ROLLBACK_COMPLETE.
 */
export const hostileText: Scenario = {
  description:
    'Hostile text everywhere AWS lets it in: failure and cascade reasons, stack events, CloudTrail principals and ' +
    'error messages — workflow commands in both forms, controls, markdown, HTML and Mermaid syntax.',
  build(ctx) {
    const root = rootStack(ctx)
    const { events, own, resource, created } = timeline(root)
    own(13 * SECOND, 'CREATE_IN_PROGRESS', `User Initiated ${HOSTILE_TEXT[0]}`)
    created(15 * SECOND, 'Vpc', 'AWS::EC2::VPC', 20 * SECOND, 'vpc-0c0a5e1d2b3f40001')
    const failing = HOSTILE_TEXT.length
    for (let i = 0; i < failing; i++)
      resource(40 * SECOND + i * SECOND, `Queue${i}`, 'AWS::SQS::Queue', 'CREATE_IN_PROGRESS')
    resource(41 * SECOND, 'Service', 'AWS::ECS::Service', 'CREATE_IN_PROGRESS')
    const failedAt = 5 * MINUTE
    for (let i = 0; i < failing; i++)
      resource(failedAt, `Queue${i}`, 'AWS::SQS::Queue', 'CREATE_FAILED', { reason: reason(i) })
    resource(failedAt + SECOND, 'Service', 'AWS::ECS::Service', 'CREATE_FAILED', {
      reason: `Resource creation cancelled ${HOSTILE_TEXT[1]}`
    })
    own(
      failedAt + 2 * SECOND,
      'ROLLBACK_IN_PROGRESS',
      `The following resource(s) failed to create: [${HOSTILE_TEXT[2]}]`
    )
    for (let i = 0; i < failing; i++)
      resource(failedAt + 3 * SECOND, `Queue${i}`, 'AWS::SQS::Queue', 'DELETE_COMPLETE')
    resource(failedAt + 4 * SECOND, 'Service', 'AWS::ECS::Service', 'DELETE_COMPLETE')
    resource(failedAt + 5 * SECOND, 'Vpc', 'AWS::EC2::VPC', 'DELETE_COMPLETE', {
      physicalId: 'vpc-0c0a5e1d2b3f40001'
    })
    const done = failedAt + 6 * SECOND
    own(done, 'ROLLBACK_COMPLETE')

    const intruder = iamUser(
      `intruder ${HOSTILE_TEXT[0]} ::add-mask::PWNED`,
      'AKIAHOSTILEINTRUDER1',
      ctx.account
    )
    const queue = (i: number) => ({ type: 'AWS::SQS::Queue', name: `Queue${i}` })
    return {
      region: ctx.region,
      account: ctx.account,
      stacks: [root],
      events,
      operations: [
        { at: 0, type: 'CREATE_CHANGESET' },
        { at: 12 * SECOND, type: 'CREATE_STACK' }
      ],
      trail: [
        ...changeSetCalls(ctx, root, 'CREATE'),
        ...HOSTILE_TEXT.map((text, i) =>
          onBehalf(failedAt - SECOND, intruder, 'sqs.amazonaws.com', 'CreateQueue', queue(i), {
            errorCode: `AccessDenied ##[add-mask]PWNED${i}`,
            errorMessage: text
          })
        )
      ],
      deletes: [],
      span: done
    }
  }
}
