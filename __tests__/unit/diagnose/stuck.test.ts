import { describe, expect, it } from '@jest/globals'
import { explainEvents } from '../../../src/core/diagnose/explain.js'
import { wayOut } from '../../../src/core/diagnose/stuck.js'
import { renderLogSummary, renderSummaryMarkdown } from '../../../src/core/report/render.js'
import { arn, History } from './history.js'

const NOT_FOUND =
  'Resource handler returned message: "DBInstance ledger-db not found (Service: Rds, Status Code: 404, Request ID: 8c1e)" (HandlerErrorCode: NotFound)'
const NOT_EMPTY =
  'The bucket you tried to delete is not empty (Service: Amazon S3; Status Code: 409; Error Code: BucketNotEmpty; Request ID: 9F2A)'

describe('rollbacks that fail and deletions that fail: the cause, what blocks the stack, the way out', () => {
  it('UPDATE_ROLLBACK_FAILED: the failure that started the rollback, the resource whose rollback failed, and continue-update-rollback', () => {
    const report = explainEvents(
      new History('LedgerStack')
        .stack('UPDATE_IN_PROGRESS', 'User Initiated')
        .resource('Database', 'AWS::RDS::DBInstance', 'UPDATE_IN_PROGRESS')
        .resource('Database', 'AWS::RDS::DBInstance', 'UPDATE_COMPLETE')
        .resource(
          'Api',
          'AWS::Lambda::Function',
          'UPDATE_FAILED',
          'Resource handler returned message: "Runtime nodejs12.x is not supported"'
        )
        .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Api].')
        .resource('Database', 'AWS::RDS::DBInstance', 'UPDATE_IN_PROGRESS')
        .resource('Database', 'AWS::RDS::DBInstance', 'UPDATE_FAILED', NOT_FOUND)
        .stack('UPDATE_ROLLBACK_FAILED', 'The following resource(s) failed to update: [Database].')
        .dump()
    )
    expect(report.rootCauses.map(cause => cause.logicalResourceId)).toEqual(['Api'])
    expect(report.stack.finalStatus).toBe('UPDATE_ROLLBACK_FAILED')
    expect(report.stuck).toMatchObject({
      status: 'UPDATE_ROLLBACK_FAILED',
      resources: [
        expect.objectContaining({ logicalResourceId: 'Database', status: 'UPDATE_FAILED', reason: NOT_FOUND })
      ],
      ids: ['Database'],
      command:
        'aws cloudformation continue-update-rollback --stack-name LedgerStack --resources-to-skip Database'
    })
    expect(report.stuck?.wayOut).toContain('stay inconsistent with the template')
    expect(renderLogSummary(report)).toContain('--resources-to-skip Database')
    expect(renderSummaryMarkdown(report)).toContain('#### What blocks the stack (UPDATE\\_ROLLBACK\\_FAILED)')
  })

  it('does not skip a resource whose rollback was only cancelled: ContinueUpdateRollback retries it', () => {
    const stabilize = 'Mount target is not stabilized, the current lifeCycleState is available.'
    const report = explainEvents(
      new History('junction')
        .stack('UPDATE_IN_PROGRESS', 'User Initiated')
        .resource('VolumeTarget0', 'AWS::EFS::MountTarget', 'UPDATE_FAILED', stabilize)
        .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [VolumeTarget0].')
        .resource('VolumeTarget1', 'AWS::EFS::MountTarget', 'UPDATE_FAILED', stabilize)
        .resource('VolumeTarget0', 'AWS::EFS::MountTarget', 'UPDATE_FAILED', 'Resource update cancelled')
        .resource(
          'Instances',
          'AWS::AutoScaling::AutoScalingGroup',
          'UPDATE_FAILED',
          'Resource update cancelled'
        )
        .stack(
          'UPDATE_ROLLBACK_FAILED',
          'The following resource(s) failed to update: [VolumeTarget1, Instances, VolumeTarget0].'
        )
        .dump()
    )
    expect(report.rootCauses.map(cause => cause.logicalResourceId)).toEqual(['VolumeTarget0'])
    expect(report.stuck?.resources.map(resource => resource.logicalResourceId)).toEqual(['VolumeTarget1'])
    expect(report.stuck?.command).toBe(
      'aws cloudformation continue-update-rollback --stack-name junction --resources-to-skip VolumeTarget1'
    )
  })

  it('names a resource inside a nested stack as NestedStack.LogicalId, not the nested stack itself', () => {
    const childId = arn('Shop-ApiStack-7Q', 'child')
    const parent = new History('Shop').stack('UPDATE_IN_PROGRESS', 'User Initiated')
    parent.resource(
      'Table',
      'AWS::DynamoDB::Table',
      'UPDATE_FAILED',
      'Resource handler returned message: "Cannot update GSI"'
    )
    parent.stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Table].')
    parent.nested('ApiStack', childId, 'UPDATE_IN_PROGRESS')
    const child = parent
      .child('Shop-ApiStack-7Q', childId)
      .stack('UPDATE_ROLLBACK_IN_PROGRESS')
      .resource(
        'Handler',
        'AWS::Lambda::Function',
        'UPDATE_FAILED',
        'Resource handler returned message: "Function not found"'
      )
      .stack('UPDATE_ROLLBACK_FAILED', 'The following resource(s) failed to update: [Handler].')
    parent
      .at(child.now())
      .nested(
        'ApiStack',
        childId,
        'UPDATE_FAILED',
        `Embedded stack ${childId} was not successfully updated. Currently in UPDATE_ROLLBACK_FAILED.`
      )
      .stack('UPDATE_ROLLBACK_FAILED', 'The following resource(s) failed to update: [ApiStack].')
    const report = explainEvents(parent.dump(), [child.dump()])
    expect(report.rootCauses[0]?.logicalResourceId).toBe('Table')
    expect(report.stuck?.ids).toEqual(['ApiStack.Handler'])
    expect(report.stuck?.command).toBe(
      'aws cloudformation continue-update-rollback --stack-name Shop --resources-to-skip ApiStack.Handler'
    )
  })

  it('ROLLBACK_FAILED: the create failure, the resources the rollback could not delete, and delete-stack', () => {
    const report = explainEvents(
      new History('DataStack')
        .stack('CREATE_IN_PROGRESS', 'User Initiated')
        .resource('Bucket', 'AWS::S3::Bucket', 'CREATE_COMPLETE', undefined, 'data-bucket-1')
        .resource(
          'Loader',
          'AWS::Lambda::Function',
          'CREATE_FAILED',
          'Resource handler returned message: "The role defined for the function cannot be assumed by Lambda."'
        )
        .stack(
          'ROLLBACK_IN_PROGRESS',
          'The following resource(s) failed to create: [Loader]. Rollback requested by user.'
        )
        .resource('Bucket', 'AWS::S3::Bucket', 'DELETE_FAILED', NOT_EMPTY, 'data-bucket-1')
        .stack('ROLLBACK_FAILED', 'The following resource(s) failed to delete: [Bucket].')
        .dump()
    )
    expect(report.rootCauses.map(cause => cause.logicalResourceId)).toEqual(['Loader'])
    expect(report.stuck).toMatchObject({
      status: 'ROLLBACK_FAILED',
      ids: ['Bucket'],
      command: 'aws cloudformation delete-stack --stack-name DataStack'
    })
    expect(report.stuck?.wayOut).toContain(
      'aws cloudformation delete-stack --stack-name DataStack --retain-resources Bucket'
    )
  })

  it('DELETE_FAILED: the resources that could not be deleted and why, and which --retain-resources finishes it', () => {
    const report = explainEvents(
      new History('LogsStack')
        .stack('CREATE_IN_PROGRESS', 'User Initiated')
        .stack('CREATE_COMPLETE')
        .wait(86_400_000)
        .stack('DELETE_IN_PROGRESS', 'User Initiated')
        .resource('Function', 'AWS::Lambda::Function', 'DELETE_COMPLETE')
        .resource('LogsBucket', 'AWS::S3::Bucket', 'DELETE_FAILED', NOT_EMPTY)
        .resource(
          'Repo',
          'AWS::ECR::Repository',
          'DELETE_FAILED',
          "Resource handler returned message: \"The repository with name 'app' in registry with id '123456789012' cannot be deleted because it still contains images\""
        )
        .stack('DELETE_FAILED', 'The following resource(s) failed to delete: [LogsBucket, Repo]. ')
        .dump()
    )
    expect(report.operation).toMatchObject({ type: 'DELETE_STACK', number: 1, count: 2 })
    expect(report.rootCauses.map(cause => cause.logicalResourceId).sort()).toEqual(['LogsBucket', 'Repo'])
    expect(report.stuck?.resources.map(resource => [resource.logicalResourceId, resource.reason])).toEqual([
      ['LogsBucket', NOT_EMPTY],
      ['Repo', expect.stringContaining('still contains images')]
    ])
    expect(report.stuck?.command).toBe(
      'aws cloudformation delete-stack --stack-name LogsStack --retain-resources LogsBucket Repo'
    )
    expect(report.stuck?.wayOut).toContain('retained resources stay in the account')
  })

  it('does not count a resource whose deletion failed and then succeeded on a retry', () => {
    const report = explainEvents(
      new History('LogsStack')
        .stack('DELETE_IN_PROGRESS', 'User Initiated')
        .resource('LogsBucket', 'AWS::S3::Bucket', 'DELETE_FAILED', NOT_EMPTY)
        .resource('Repo', 'AWS::ECR::Repository', 'DELETE_FAILED', 'still contains images')
        .stack('DELETE_FAILED', 'The following resource(s) failed to delete: [LogsBucket, Repo]. ')
        .stack('DELETE_IN_PROGRESS', 'User Initiated')
        .resource('LogsBucket', 'AWS::S3::Bucket', 'DELETE_COMPLETE')
        .resource('Repo', 'AWS::ECR::Repository', 'DELETE_FAILED', 'still contains images')
        .stack('DELETE_FAILED', 'The following resource(s) failed to delete: [Repo]. ')
        .dump()
    )
    expect(report.operation).toMatchObject({ number: 1, count: 2 })
    expect(report.stuck?.ids).toEqual(['Repo'])
  })

  it('gives the way out without resources when the events are not at hand (one wording for run and diagnose)', () => {
    const out = wayOut('LedgerStack', 'UPDATE_ROLLBACK_FAILED', [])
    expect(out.command).toBe('aws cloudformation continue-update-rollback --stack-name LedgerStack')
    expect(out.wayOut).toMatch(
      /^LedgerStack is in UPDATE_ROLLBACK_FAILED: .* run `aws cloudformation continue-update-rollback --stack-name LedgerStack`\.$/
    )
  })

  it('adds nothing for a stack that is not stuck', () => {
    const report = explainEvents(
      new History('OkStack').stack('UPDATE_IN_PROGRESS', 'User Initiated').stack('UPDATE_COMPLETE').dump()
    )
    expect(report.stuck).toBeUndefined()
  })
})
