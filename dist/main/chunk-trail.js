'use strict';

Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });

const index = require('./index.js');
const afterLock = require('./chunk-after-lock.js');
require('os');
require('crypto');
require('fs');
require('path');
require('node:crypto');
require('node:path');
require('node:os');
require('node:fs/promises');
require('node:child_process');
require('node:fs');
require('node:diagnostics_channel');
require('node:stream');
require('node:https');
require('node:process');
require('./chunk-core5.js');
require('./chunk-core6.js');

/** Calls that start a stack operation, by the operation their first event opens. */
const STARTERS = [
    'ExecuteChangeSet',
    'CreateStack',
    'UpdateStack',
    'DeleteStack',
    'ContinueUpdateRollback',
    'RollbackStack',
    'ImportStacksToStackSet'
];
const MAX_PAGES = 2;
/**
 * CloudFormation calls on one stack from CloudTrail (LookupEvents by the stack's ARN, then by its name when the ARN
 * finds nothing), oldest first, within `[start, end]` (epoch ms). At most two pages of 50 per attribute, each paced.
 * Only identity, time, error and the two parameters above are read: request parameters can hold secrets.
 */
async function lookupStackCalls(trail, request, pace) {
    try {
        for (const value of [request.stackId, request.stackName]) {
            const calls = [];
            let token;
            for (let page = 0; page < MAX_PAGES; page++) {
                await pace();
                const reply = await trail.send(new afterLock.LookupEventsCommand({
                    LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: value }],
                    StartTime: new Date(request.start),
                    EndTime: new Date(request.end),
                    MaxResults: 50,
                    ...(token ? { NextToken: token } : {})
                }));
                for (const event of reply.Events ?? []) {
                    const entry = afterLock.toTrailEntry(event);
                    if (entry.eventSource === 'cloudformation.amazonaws.com')
                        calls.push({ ...entry, ...keptParameters(event.CloudTrailEvent) });
                }
                token = reply.NextToken;
                if (!token)
                    break;
            }
            if (calls.length > 0)
                return { calls: calls.sort((a, b) => a.time - b.time) };
        }
        return {
            calls: [],
            caveat: 'CloudTrail has no record of it yet (it delivers events about 5–15 minutes after the call).'
        };
    }
    catch (error) {
        return {
            calls: [],
            caveat: index.isAccessDenied(error)
                ? 'cloudtrail:LookupEvents was denied; grant it to see who called what on the stack.'
                : `CloudTrail could not be read: ${index.awsErrorMessage(error)}`
        };
    }
}
function keptParameters(record) {
    try {
        const parameters = JSON.parse(record ?? '{}')
            .requestParameters;
        const enable = parameters?.enableTerminationProtection;
        const token = parameters?.clientRequestToken;
        return {
            ...(typeof enable === 'boolean' ? { enable } : {}),
            ...(typeof token === 'string' ? { clientRequestToken: token } : {})
        };
    }
    catch {
        return {};
    }
}
/**
 * Names who turned protection off before each restore: the latest calls that turned it off, matched to the restores in
 * order (every restore follows its own "off" call, and deploy-guard's own calls only ever turn it on).
 */
function attributeProtectionChanges(restores, calls) {
    const offs = calls.filter(call => call.eventName === 'UpdateTerminationProtection' && call.enable === false && !call.errorCode);
    const matched = offs.slice(-restores.length);
    const skipped = restores.length - matched.length;
    return restores.map((restore, index) => {
        const off = index >= skipped ? matched[index - skipped] : undefined;
        return off ? { ...restore, turnedOffBy: off.principal, turnedOffAt: off.time } : restore;
    });
}
/** The call that started an operation whose first event is at `startedAt` (AWS time): the latest starter before it. */
function operationStarter(calls, startedAt, clientRequestToken) {
    const starters = calls.filter(call => STARTERS.includes(call.eventName) && !call.errorCode);
    const byToken = clientRequestToken
        ? starters.find(call => call.clientRequestToken === clientRequestToken)
        : undefined;
    return byToken ?? starters.filter(call => call.time <= startedAt + 5_000).at(-1);
}
/** "role aws-cdk-showboat (session …) at 11:26:57Z", or the token when CloudTrail cannot say yet. */
function describeStarter(call, clientRequestToken) {
    const token = clientRequestToken ? describeToken(clientRequestToken) : undefined;
    if (call)
        return `${call.principal} (${call.eventName} at ${new Date(call.time).toISOString()})`;
    return token ?? 'someone unknown';
}
/** What a ClientRequestToken says about where an operation came from. */
function describeToken(token) {
    if (token.startsWith('Console-'))
        return `the AWS console (client request token ${token})`;
    if (token.startsWith('exec'))
        return `a CDK deploy (client request token ${token})`;
    return `client request token ${token}`;
}

exports.attributeProtectionChanges = attributeProtectionChanges;
exports.describeStarter = describeStarter;
exports.lookupStackCalls = lookupStackCalls;
exports.operationStarter = operationStarter;
