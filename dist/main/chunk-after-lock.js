'use strict';

const index = require('./index.js');
require('node:crypto');
const AwsQueryProtocol = require('./chunk-core5.js');
const node_fs = require('node:fs');
const node_os = require('node:os');
const node_path = require('node:path');

class AwsJson1_1Protocol extends index.AwsJsonRpcProtocol {
    constructor({ defaultNamespace, errorTypeRegistries, serviceTarget, awsQueryCompatible, jsonCodec, }) {
        super({
            defaultNamespace,
            errorTypeRegistries,
            serviceTarget,
            awsQueryCompatible,
            jsonCodec,
        });
    }
    getShapeId() {
        return "aws.protocols#awsJson1_1";
    }
    getJsonRpcVersion() {
        return "1.1";
    }
    getDefaultContentType() {
        return "application/x-amz-json-1.1";
    }
}

const defaultCloudFormationHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: index.getSmithyContext(context).operation,
        region: await index.normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption$1(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "cloudformation",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultCloudFormationHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption$1(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig$1 = (config) => {
    const config_0 = index.resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: index.normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters$1 = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "cloudformation",
    });
};
const commonParams$1 = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version$1 = "3.1169.0";
const packageInfo$1 = {
	version: version$1};

const k$1 = "ref";
const a$1 = -1, b$1 = true, c$1 = "isSet", d$1 = "PartitionResult", e$1 = "booleanEquals", f$1 = "getAttr", g$1 = { [k$1]: "Endpoint" }, h$1 = { [k$1]: d$1 }, i$1 = {}, j$1 = [{ [k$1]: "Region" }];
const _data$1 = {
    conditions: [
        [c$1, [g$1]],
        [c$1, j$1],
        ["aws.partition", j$1, d$1],
        [e$1, [{ [k$1]: "UseFIPS" }, b$1]],
        [e$1, [{ [k$1]: "UseDualStack" }, b$1]],
        [e$1, [{ fn: f$1, argv: [h$1, "supportsDualStack"] }, b$1]],
        [e$1, [{ fn: f$1, argv: [h$1, "supportsFIPS"] }, b$1]],
        ["stringEquals", [{ fn: f$1, argv: [h$1, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a$1],
        [a$1, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a$1, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g$1, i$1],
        ["https://cloudformation-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i$1],
        [a$1, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://cloudformation.{Region}.amazonaws.com", i$1],
        ["https://cloudformation-fips.{Region}.{PartitionResult#dnsSuffix}", i$1],
        [a$1, "FIPS is enabled but this partition does not support FIPS"],
        ["https://cloudformation.{Region}.{PartitionResult#dualStackDnsSuffix}", i$1],
        [a$1, "DualStack is enabled but this partition does not support DualStack"],
        ["https://cloudformation.{Region}.{PartitionResult#dnsSuffix}", i$1],
        [a$1, "Invalid Configuration: Missing Region"]
    ]
};
const root$1 = 2;
const r$1 = 100_000_000;
const nodes$1 = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r$1 + 12,
    2, 5, r$1 + 12,
    3, 8, 6,
    4, 7, r$1 + 11,
    5, r$1 + 9, r$1 + 10,
    4, 11, 9,
    6, 10, r$1 + 8,
    7, r$1 + 6, r$1 + 7,
    5, 12, r$1 + 5,
    6, r$1 + 4, r$1 + 5,
    3, r$1 + 1, 14,
    4, r$1 + 2, r$1 + 3,
]);
const bdd$1 = index.BinaryDecisionDiagram.from(nodes$1, root$1, _data$1.conditions, _data$1.results);

const cache$1 = new index.EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver$1 = (endpointParams, context = {}) => {
    return cache$1.get(endpointParams, () => index.decideEndpoint(bdd$1, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
index.customEndpointFunctions.aws = index.awsEndpointFunctions;

class CloudFormationServiceException extends index.ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.cloudformation#CloudFormationServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, CloudFormationServiceException.prototype);
    }
}

class InvalidOperationException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#InvalidOperationException";
    name = "InvalidOperationException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidOperationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidOperationException.prototype);
        this.Message = opts.Message;
    }
}
class OperationNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#OperationNotFoundException";
    name = "OperationNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OperationNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class CFNRegistryException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#CFNRegistryException";
    name = "CFNRegistryException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CFNRegistryException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CFNRegistryException.prototype);
        this.Message = opts.Message;
    }
}
class TypeNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#TypeNotFoundException";
    name = "TypeNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TypeNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TypeNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class AlreadyExistsException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#AlreadyExistsException";
    name = "AlreadyExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AlreadyExistsException.prototype);
        this.Message = opts.Message;
    }
}
class TypeConfigurationNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#TypeConfigurationNotFoundException";
    name = "TypeConfigurationNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TypeConfigurationNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TypeConfigurationNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TokenAlreadyExistsException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#TokenAlreadyExistsException";
    name = "TokenAlreadyExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TokenAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TokenAlreadyExistsException.prototype);
        this.Message = opts.Message;
    }
}
class ChangeSetNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#ChangeSetNotFoundException";
    name = "ChangeSetNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ChangeSetNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ChangeSetNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class InsufficientCapabilitiesException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#InsufficientCapabilitiesException";
    name = "InsufficientCapabilitiesException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InsufficientCapabilitiesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientCapabilitiesException.prototype);
        this.Message = opts.Message;
    }
}
class LimitExceededException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#LimitExceededException";
    name = "LimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "LimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class ConcurrentResourcesLimitExceededException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#ConcurrentResourcesLimitExceededException";
    name = "ConcurrentResourcesLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConcurrentResourcesLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConcurrentResourcesLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class OperationIdAlreadyExistsException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#OperationIdAlreadyExistsException";
    name = "OperationIdAlreadyExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OperationIdAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationIdAlreadyExistsException.prototype);
        this.Message = opts.Message;
    }
}
class OperationInProgressException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#OperationInProgressException";
    name = "OperationInProgressException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OperationInProgressException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationInProgressException.prototype);
        this.Message = opts.Message;
    }
}
class StackSetNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#StackSetNotFoundException";
    name = "StackSetNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "StackSetNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StackSetNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class StaleRequestException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#StaleRequestException";
    name = "StaleRequestException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "StaleRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StaleRequestException.prototype);
        this.Message = opts.Message;
    }
}
class CreatedButModifiedException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#CreatedButModifiedException";
    name = "CreatedButModifiedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CreatedButModifiedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CreatedButModifiedException.prototype);
        this.Message = opts.Message;
    }
}
class NameAlreadyExistsException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#NameAlreadyExistsException";
    name = "NameAlreadyExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "NameAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, NameAlreadyExistsException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidChangeSetStatusException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#InvalidChangeSetStatusException";
    name = "InvalidChangeSetStatusException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidChangeSetStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidChangeSetStatusException.prototype);
        this.Message = opts.Message;
    }
}
class GeneratedTemplateNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#GeneratedTemplateNotFoundException";
    name = "GeneratedTemplateNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "GeneratedTemplateNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, GeneratedTemplateNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class StackSetNotEmptyException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#StackSetNotEmptyException";
    name = "StackSetNotEmptyException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "StackSetNotEmptyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StackSetNotEmptyException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceScanNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#ResourceScanNotFoundException";
    name = "ResourceScanNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceScanNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceScanNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class StackInstanceNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#StackInstanceNotFoundException";
    name = "StackInstanceNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "StackInstanceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StackInstanceNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class StackRefactorNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#StackRefactorNotFoundException";
    name = "StackRefactorNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "StackRefactorNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StackRefactorNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class HookResultNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#HookResultNotFoundException";
    name = "HookResultNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "HookResultNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, HookResultNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class StackNotFoundException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#StackNotFoundException";
    name = "StackNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "StackNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StackNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceScanInProgressException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#ResourceScanInProgressException";
    name = "ResourceScanInProgressException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceScanInProgressException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceScanInProgressException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidStateTransitionException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#InvalidStateTransitionException";
    name = "InvalidStateTransitionException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidStateTransitionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidStateTransitionException.prototype);
        this.Message = opts.Message;
    }
}
class OperationStatusCheckFailedException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#OperationStatusCheckFailedException";
    name = "OperationStatusCheckFailedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OperationStatusCheckFailedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationStatusCheckFailedException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceScanLimitExceededException extends CloudFormationServiceException {
    static shapeId = "com.amazonaws.cloudformation#ResourceScanLimitExceededException";
    name = "ResourceScanLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceScanLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceScanLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}

const _A = "Arn";
const _AEE = "AlreadyExistsException";
const _ANl = "AliasName";
const _CBME = "CreatedButModifiedException";
const _CFNRE = "CFNRegistryException";
const _CRLEE = "ConcurrentResourcesLimitExceededException";
const _CRT = "ClientRequestToken";
const _CSI = "ChangeSetId";
const _CSN = "ChangeSetName";
const _CSNFE = "ChangeSetNotFoundException";
const _CT = "CreationTime";
const _Ca = "Capabilities";
const _D = "Description";
const _DC = "DeploymentConfig";
const _DE = "DescribeEvents";
const _DEI = "DescribeEventsInput";
const _DEO = "DescribeEventsOutput";
const _DI = "DriftInformation";
const _DMe = "DeletionMode";
const _DR = "DisableRollback";
const _DSE = "DescribeStackEvents";
const _DSEI = "DescribeStackEventsInput";
const _DSEO = "DescribeStackEventsOutput";
const _DSI = "DeleteStackInput";
const _DSIe = "DescribeStacksInput";
const _DSO = "DescribeStacksOutput";
const _DSel = "DeleteStack";
const _DSes = "DescribeStacks";
const _DSet = "DetailedStatus";
const _DTel = "DeletionTime";
const _EF = "EventFilter";
const _EI$1 = "EventId";
const _EN$1 = "ExportName";
const _ET$1 = "EndTime";
const _ETP = "EnableTerminationProtection";
const _ETv = "EventType";
const _F = "Filters";
const _FE = "FailedEvents";
const _GTNFE = "GeneratedTemplateNotFoundException";
const _HFM = "HookFailureMode";
const _HII = "HookInvocationId";
const _HIP = "HookInvocationPoint";
const _HRNFE = "HookResultNotFoundException";
const _HS = "HookStatus";
const _HSR = "HookStatusReason";
const _HTo = "HookType";
const _ICE = "InsufficientCapabilitiesException";
const _ICSSE = "InvalidChangeSetStatusException";
const _IOE = "InvalidOperationException";
const _ISTE = "InvalidStateTransitionException";
const _K = "Key";
const _LCT = "LastCheckTimestamp";
const _LEE = "LimitExceededException";
const _LO = "LastOperations";
const _LRI = "LogicalResourceId";
const _LS = "ListStacks";
const _LSI = "ListStacksInput";
const _LSO = "ListStacksOutput";
const _LUT = "LastUpdatedTime";
const _M$1 = "Message";
const _MTIM = "MonitoringTimeInMinutes";
const _Mo = "Mode";
const _NAEE = "NameAlreadyExistsException";
const _NARN = "NotificationARNs";
const _NT$1 = "NextToken";
const _O = "Output";
const _OE = "OperationEvents";
const _OEp = "OperationEntry";
const _OEpe = "OperationEvent";
const _OI = "OperationId";
const _OIAEE = "OperationIdAlreadyExistsException";
const _OIPE = "OperationInProgressException";
const _OK = "OutputKey";
const _ONFE = "OperationNotFoundException";
const _OS = "OperationStatus";
const _OSCFE = "OperationStatusCheckFailedException";
const _OT = "OperationType";
const _OV = "OutputValue";
const _Ou = "Outputs";
const _P = "Parameters";
const _PIa = "ParentId";
const _PK = "ParameterKey";
const _PRI = "PhysicalResourceId";
const _PVa = "ParameterValue";
const _Pa = "Parameter";
const _RARN = "RoleARN";
const _RCo = "RollbackConfiguration";
const _REOC = "RetainExceptOnCreate";
const _RIo = "RootId";
const _RP = "ResourceProperties";
const _RR = "RetainResources";
const _RSIPE = "ResourceScanInProgressException";
const _RSLEE = "ResourceScanLimitExceededException";
const _RSNFE = "ResourceScanNotFoundException";
const _RSR = "ResourceStatusReason";
const _RSes = "ResourceStatus";
const _RT$1 = "ResourceType";
const _RTo = "RollbackTriggers";
const _RTol = "RollbackTrigger";
const _RV = "ResolvedValue";
const _SDI = "StackDriftInformation";
const _SDIS = "StackDriftInformationSummary";
const _SDS = "StackDriftStatus";
const _SE = "StackEvents";
const _SEt = "StackEvent";
const _SI = "StackId";
const _SINFE = "StackInstanceNotFoundException";
const _SN = "StackName";
const _SNFE = "StackNotFoundException";
const _SRE = "StaleRequestException";
const _SRNFE = "StackRefactorNotFoundException";
const _SSF = "StackStatusFilter";
const _SSNEE = "StackSetNotEmptyException";
const _SSNFE = "StackSetNotFoundException";
const _SSR = "StackStatusReason";
const _SSt = "StackSummaries";
const _SSta = "StackStatus";
const _SStac = "StackSummary";
const _ST$1 = "StartTime";
const _St = "Stacks";
const _Sta = "Stack";
const _T = "Type";
const _TAEE$1 = "TokenAlreadyExistsException";
const _TCNFE = "TypeConfigurationNotFoundException";
const _TDe = "TemplateDescription";
const _TIM = "TimeoutInMinutes";
const _TNFE$1 = "TypeNotFoundException";
const _Ta = "Tags";
const _Tag = "Tag";
const _Ti = "Timestamp";
const _UPV = "UsePreviousValue";
const _UTP = "UpdateTerminationProtection";
const _UTPI = "UpdateTerminationProtectionInput";
const _UTPO = "UpdateTerminationProtectionOutput";
const _V = "Value";
const _VFM = "ValidationFailureMode";
const _VN = "ValidationName";
const _VP = "ValidationPath";
const _VS = "ValidationStatus";
const _VSR = "ValidationStatusReason";
const _aQE$1 = "awsQueryError";
const _c$1 = "client";
const _e$1 = "error";
const _hE$1 = "httpError";
const _s$1 = "smithy.ts.sdk.synthetic.com.amazonaws.cloudformation";
const n0$1 = "com.amazonaws.cloudformation";
const _s_registry$1 = new index.TypeRegistry(_s$1);
var CloudFormationServiceException$ = [-3, _s$1, "CloudFormationServiceException", 0, [], []];
_s_registry$1.registerError(CloudFormationServiceException$, CloudFormationServiceException);
const n0_registry$1 = new index.TypeRegistry(n0$1);
var AlreadyExistsException$ = [-3, n0$1, _AEE,
    { [_aQE$1]: [`AlreadyExistsException`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(AlreadyExistsException$, AlreadyExistsException);
var CFNRegistryException$ = [-3, n0$1, _CFNRE,
    { [_aQE$1]: [`CFNRegistryException`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(CFNRegistryException$, CFNRegistryException);
var ChangeSetNotFoundException$ = [-3, n0$1, _CSNFE,
    { [_aQE$1]: [`ChangeSetNotFound`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(ChangeSetNotFoundException$, ChangeSetNotFoundException);
var ConcurrentResourcesLimitExceededException$ = [-3, n0$1, _CRLEE,
    { [_aQE$1]: [`ConcurrentResourcesLimitExceeded`, 429], [_e$1]: _c$1, [_hE$1]: 429 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(ConcurrentResourcesLimitExceededException$, ConcurrentResourcesLimitExceededException);
var CreatedButModifiedException$ = [-3, n0$1, _CBME,
    { [_aQE$1]: [`CreatedButModifiedException`, 409], [_e$1]: _c$1, [_hE$1]: 409 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(CreatedButModifiedException$, CreatedButModifiedException);
var GeneratedTemplateNotFoundException$ = [-3, n0$1, _GTNFE,
    { [_aQE$1]: [`GeneratedTemplateNotFound`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(GeneratedTemplateNotFoundException$, GeneratedTemplateNotFoundException);
var HookResultNotFoundException$ = [-3, n0$1, _HRNFE,
    { [_aQE$1]: [`HookResultNotFound`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(HookResultNotFoundException$, HookResultNotFoundException);
var InsufficientCapabilitiesException$ = [-3, n0$1, _ICE,
    { [_aQE$1]: [`InsufficientCapabilitiesException`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(InsufficientCapabilitiesException$, InsufficientCapabilitiesException);
var InvalidChangeSetStatusException$ = [-3, n0$1, _ICSSE,
    { [_aQE$1]: [`InvalidChangeSetStatus`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(InvalidChangeSetStatusException$, InvalidChangeSetStatusException);
var InvalidOperationException$ = [-3, n0$1, _IOE,
    { [_aQE$1]: [`InvalidOperationException`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(InvalidOperationException$, InvalidOperationException);
var InvalidStateTransitionException$ = [-3, n0$1, _ISTE,
    { [_aQE$1]: [`InvalidStateTransition`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(InvalidStateTransitionException$, InvalidStateTransitionException);
var LimitExceededException$ = [-3, n0$1, _LEE,
    { [_aQE$1]: [`LimitExceededException`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(LimitExceededException$, LimitExceededException);
var NameAlreadyExistsException$ = [-3, n0$1, _NAEE,
    { [_aQE$1]: [`NameAlreadyExistsException`, 409], [_e$1]: _c$1, [_hE$1]: 409 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(NameAlreadyExistsException$, NameAlreadyExistsException);
var OperationIdAlreadyExistsException$ = [-3, n0$1, _OIAEE,
    { [_aQE$1]: [`OperationIdAlreadyExistsException`, 409], [_e$1]: _c$1, [_hE$1]: 409 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(OperationIdAlreadyExistsException$, OperationIdAlreadyExistsException);
var OperationInProgressException$ = [-3, n0$1, _OIPE,
    { [_aQE$1]: [`OperationInProgressException`, 409], [_e$1]: _c$1, [_hE$1]: 409 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(OperationInProgressException$, OperationInProgressException);
var OperationNotFoundException$ = [-3, n0$1, _ONFE,
    { [_aQE$1]: [`OperationNotFoundException`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(OperationNotFoundException$, OperationNotFoundException);
var OperationStatusCheckFailedException$ = [-3, n0$1, _OSCFE,
    { [_aQE$1]: [`ConditionalCheckFailed`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(OperationStatusCheckFailedException$, OperationStatusCheckFailedException);
var ResourceScanInProgressException$ = [-3, n0$1, _RSIPE,
    { [_aQE$1]: [`ResourceScanInProgress`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(ResourceScanInProgressException$, ResourceScanInProgressException);
var ResourceScanLimitExceededException$ = [-3, n0$1, _RSLEE,
    { [_aQE$1]: [`ResourceScanLimitExceeded`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(ResourceScanLimitExceededException$, ResourceScanLimitExceededException);
var ResourceScanNotFoundException$ = [-3, n0$1, _RSNFE,
    { [_aQE$1]: [`ResourceScanNotFound`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(ResourceScanNotFoundException$, ResourceScanNotFoundException);
var StackInstanceNotFoundException$ = [-3, n0$1, _SINFE,
    { [_aQE$1]: [`StackInstanceNotFoundException`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(StackInstanceNotFoundException$, StackInstanceNotFoundException);
var StackNotFoundException$ = [-3, n0$1, _SNFE,
    { [_aQE$1]: [`StackNotFoundException`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(StackNotFoundException$, StackNotFoundException);
var StackRefactorNotFoundException$ = [-3, n0$1, _SRNFE,
    { [_aQE$1]: [`StackRefactorNotFoundException`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(StackRefactorNotFoundException$, StackRefactorNotFoundException);
var StackSetNotEmptyException$ = [-3, n0$1, _SSNEE,
    { [_aQE$1]: [`StackSetNotEmptyException`, 409], [_e$1]: _c$1, [_hE$1]: 409 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(StackSetNotEmptyException$, StackSetNotEmptyException);
var StackSetNotFoundException$ = [-3, n0$1, _SSNFE,
    { [_aQE$1]: [`StackSetNotFoundException`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(StackSetNotFoundException$, StackSetNotFoundException);
var StaleRequestException$ = [-3, n0$1, _SRE,
    { [_aQE$1]: [`StaleRequestException`, 409], [_e$1]: _c$1, [_hE$1]: 409 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(StaleRequestException$, StaleRequestException);
var TokenAlreadyExistsException$ = [-3, n0$1, _TAEE$1,
    { [_aQE$1]: [`TokenAlreadyExistsException`, 400], [_e$1]: _c$1, [_hE$1]: 400 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(TokenAlreadyExistsException$, TokenAlreadyExistsException);
var TypeConfigurationNotFoundException$ = [-3, n0$1, _TCNFE,
    { [_aQE$1]: [`TypeConfigurationNotFoundException`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(TypeConfigurationNotFoundException$, TypeConfigurationNotFoundException);
var TypeNotFoundException$ = [-3, n0$1, _TNFE$1,
    { [_aQE$1]: [`TypeNotFoundException`, 404], [_e$1]: _c$1, [_hE$1]: 404 },
    [_M$1],
    [0]
];
n0_registry$1.registerError(TypeNotFoundException$, TypeNotFoundException);
const errorTypeRegistries$1 = [
    _s_registry$1,
    n0_registry$1,
];
var DeleteStackInput$ = [3, n0$1, _DSI,
    0,
    [_SN, _RR, _RARN, _CRT, _DMe, _DC],
    [0, 64 | 0, 0, 0, 0, () => DeploymentConfig$], 1
];
var DeploymentConfig$ = [3, n0$1, _DC,
    0,
    [_Mo, _DR],
    [0, 2]
];
var DescribeEventsInput$ = [3, n0$1, _DEI,
    0,
    [_SN, _CSN, _OI, _F, _NT$1],
    [0, 0, 0, () => EventFilter$, 0]
];
var DescribeEventsOutput$ = [3, n0$1, _DEO,
    0,
    [_OE, _NT$1],
    [() => OperationEvents, 0]
];
var DescribeStackEventsInput$ = [3, n0$1, _DSEI,
    0,
    [_SN, _NT$1],
    [0, 0], 1
];
var DescribeStackEventsOutput$ = [3, n0$1, _DSEO,
    0,
    [_SE, _NT$1],
    [() => StackEvents, 0]
];
var DescribeStacksInput$ = [3, n0$1, _DSIe,
    0,
    [_SN, _NT$1],
    [0, 0]
];
var DescribeStacksOutput$ = [3, n0$1, _DSO,
    0,
    [_St, _NT$1],
    [() => Stacks, 0]
];
var EventFilter$ = [3, n0$1, _EF,
    0,
    [_FE],
    [2]
];
var ListStacksInput$ = [3, n0$1, _LSI,
    0,
    [_NT$1, _SSF],
    [0, 64 | 0]
];
var ListStacksOutput$ = [3, n0$1, _LSO,
    0,
    [_SSt, _NT$1],
    [() => StackSummaries, 0]
];
var OperationEntry$ = [3, n0$1, _OEp,
    0,
    [_OT, _OI],
    [0, 0]
];
var OperationEvent$ = [3, n0$1, _OEpe,
    0,
    [_EI$1, _SI, _OI, _OT, _OS, _ETv, _LRI, _PRI, _RT$1, _Ti, _ST$1, _ET$1, _RSes, _RSR, _RP, _CRT, _HTo, _HS, _HSR, _HIP, _HFM, _DSet, _VFM, _VN, _VS, _VSR, _VP],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
];
var Output$ = [3, n0$1, _O,
    0,
    [_OK, _OV, _D, _EN$1],
    [0, 0, 0, 0]
];
var Parameter$ = [3, n0$1, _Pa,
    0,
    [_PK, _PVa, _UPV, _RV],
    [0, 0, 2, 0]
];
var RollbackConfiguration$ = [3, n0$1, _RCo,
    0,
    [_RTo, _MTIM],
    [() => RollbackTriggers, 1]
];
var RollbackTrigger$ = [3, n0$1, _RTol,
    0,
    [_A, _T],
    [0, 0], 2
];
var Stack$ = [3, n0$1, _Sta,
    0,
    [_SN, _CT, _SSta, _SI, _CSI, _D, _P, _DTel, _LUT, _RCo, _SSR, _DR, _DC, _NARN, _TIM, _Ca, _Ou, _RARN, _Ta, _ETP, _PIa, _RIo, _DI, _REOC, _DMe, _DSet, _LO, _ANl],
    [0, 4, 0, 0, 0, 0, () => _Parameters, 4, 4, () => RollbackConfiguration$, 0, 2, () => DeploymentConfig$, 64 | 0, 1, 64 | 0, () => Outputs, 0, () => Tags, 2, 0, 0, () => StackDriftInformation$, 2, 0, 0, () => LastOperations, 0], 3
];
var StackDriftInformation$ = [3, n0$1, _SDI,
    0,
    [_SDS, _LCT],
    [0, 4], 1
];
var StackDriftInformationSummary$ = [3, n0$1, _SDIS,
    0,
    [_SDS, _LCT],
    [0, 4], 1
];
var StackEvent$ = [3, n0$1, _SEt,
    0,
    [_SI, _EI$1, _SN, _Ti, _OI, _LRI, _PRI, _RT$1, _RSes, _RSR, _RP, _CRT, _HTo, _HS, _HSR, _HIP, _HII, _HFM, _DSet],
    [0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 4
];
var StackSummary$ = [3, n0$1, _SStac,
    0,
    [_SN, _CT, _SSta, _SI, _TDe, _LUT, _DTel, _SSR, _PIa, _RIo, _DI, _LO],
    [0, 4, 0, 0, 0, 4, 4, 0, 0, 0, () => StackDriftInformationSummary$, () => LastOperations], 3
];
var Tag$ = [3, n0$1, _Tag,
    0,
    [_K, _V],
    [0, 0], 2
];
var UpdateTerminationProtectionInput$ = [3, n0$1, _UTPI,
    0,
    [_ETP, _SN],
    [2, 0], 2
];
var UpdateTerminationProtectionOutput$ = [3, n0$1, _UTPO,
    0,
    [_SI],
    [0]
];
var __Unit = "unit";
var LastOperations = [1, n0$1, _LO,
    0, () => OperationEntry$
];
var OperationEvents = [1, n0$1, _OE,
    0, () => OperationEvent$
];
var Outputs = [1, n0$1, _Ou,
    0, () => Output$
];
var _Parameters = [1, n0$1, _P,
    0, () => Parameter$
];
var RollbackTriggers = [1, n0$1, _RTo,
    0, () => RollbackTrigger$
];
var StackEvents = [1, n0$1, _SE,
    0, () => StackEvent$
];
var Stacks = [1, n0$1, _St,
    0, () => Stack$
];
var StackSummaries = [1, n0$1, _SSt,
    0, () => StackSummary$
];
var Tags = [1, n0$1, _Ta,
    0, () => Tag$
];
var DeleteStack$ = [9, n0$1, _DSel,
    0, () => DeleteStackInput$, () => __Unit
];
var DescribeEvents$ = [9, n0$1, _DE,
    0, () => DescribeEventsInput$, () => DescribeEventsOutput$
];
var DescribeStackEvents$ = [9, n0$1, _DSE,
    0, () => DescribeStackEventsInput$, () => DescribeStackEventsOutput$
];
var DescribeStacks$ = [9, n0$1, _DSes,
    0, () => DescribeStacksInput$, () => DescribeStacksOutput$
];
var ListStacks$ = [9, n0$1, _LS,
    0, () => ListStacksInput$, () => ListStacksOutput$
];
var UpdateTerminationProtection$ = [9, n0$1, _UTP,
    0, () => UpdateTerminationProtectionInput$, () => UpdateTerminationProtectionOutput$
];

const getRuntimeConfig$3 = (config) => {
    return {
        apiVersion: "2010-05-15",
        base64Decoder: config?.base64Decoder ?? index.fromBase64,
        base64Encoder: config?.base64Encoder ?? index.toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver$1,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultCloudFormationHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new index.AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new index.NoOpLogger(),
        protocol: config?.protocol ?? AwsQueryProtocol.AwsQueryProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.cloudformation",
            errorTypeRegistries: errorTypeRegistries$1,
            xmlNamespace: "http://cloudformation.amazonaws.com/doc/2010-05-15/",
            version: "2010-05-15",
            serviceTarget: "CloudFormation",
        },
        serviceId: config?.serviceId ?? "CloudFormation",
        sha256: config?.sha256 ?? index.Sha256Node,
        urlParser: config?.urlParser ?? index.parseUrl,
        utf8Decoder: config?.utf8Decoder ?? index.fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? index.toUtf8,
    };
};

const getRuntimeConfig$2 = (config) => {
    index.emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = index.resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(index.loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$3(config);
    index.emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? index.loadConfig(index.NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? index.calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? index.defaultProvider,
        defaultSocketTimeout: index.getDefaultSocketTimeout(config?.requestHandler, 900_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? index.createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo$1.version }),
        maxAttempts: config?.maxAttempts ?? index.loadConfig(index.NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? index.loadConfig(index.NODE_REGION_CONFIG_OPTIONS, { ...index.NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: index.NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            index.loadConfig({
                ...index.NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || index.DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? index.streamCollector$1,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? index.loadConfig(index.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? index.loadConfig(index.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? index.loadConfig(index.NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration$1 = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig$1 = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions$1 = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(index.getAwsRegionExtensionConfiguration(runtimeConfig), index.getDefaultExtensionConfiguration(runtimeConfig), index.getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration$1(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, index.resolveAwsRegionExtensionConfiguration(extensionConfiguration), index.resolveDefaultRuntimeConfig(extensionConfiguration), index.resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig$1(extensionConfiguration));
};

class CloudFormationClient extends index.Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig$2(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters$1(_config_0);
        const _config_2 = index.resolveUserAgentConfig(_config_1);
        const _config_3 = index.resolveRetryConfig(_config_2);
        const _config_4 = index.resolveRegionConfig(_config_3);
        const _config_5 = index.resolveHostHeaderConfig(_config_4);
        const _config_6 = index.resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig$1(_config_6);
        const _config_8 = resolveRuntimeExtensions$1(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(index.getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(index.getUserAgentPlugin(this.config));
        this.middlewareStack.use(index.getRetryPlugin(this.config));
        this.middlewareStack.use(index.getContentLengthPlugin(this.config));
        this.middlewareStack.use(index.getHostHeaderPlugin(this.config));
        this.middlewareStack.use(index.getLoggerPlugin(this.config));
        this.middlewareStack.use(index.getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(index.getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultCloudFormationHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new index.DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(index.getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command$1 = index.makeBuilder(commonParams$1, "CloudFormation", "CloudFormationClient", index.getEndpointPlugin);
const _ep0$1 = {};
const _mw0$1 = (Command, cs, config, o) => [];

class DeleteStackCommand extends command$1(_ep0$1, _mw0$1, "DeleteStack", DeleteStack$) {
}

class DescribeEventsCommand extends command$1(_ep0$1, _mw0$1, "DescribeEvents", DescribeEvents$) {
}

class DescribeStackEventsCommand extends command$1(_ep0$1, _mw0$1, "DescribeStackEvents", DescribeStackEvents$) {
}

class DescribeStacksCommand extends command$1(_ep0$1, _mw0$1, "DescribeStacks", DescribeStacks$) {
}

class ListStacksCommand extends command$1(_ep0$1, _mw0$1, "ListStacks", ListStacks$) {
}

class UpdateTerminationProtectionCommand extends command$1(_ep0$1, _mw0$1, "UpdateTerminationProtection", UpdateTerminationProtection$) {
}

/** The CloudFormation client with the common settings (see clients.ts); imported only where a stack is read. */
function createCloudFormationClient(settings = {}) {
    return new CloudFormationClient(index.commonConfig({ maxAttempts: index.READ_ATTEMPTS, ...settings }));
}

const defaultCloudTrailHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: index.getSmithyContext(context).operation,
        region: await index.normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "cloudtrail",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultCloudTrailHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = index.resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: index.normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "cloudtrail",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1137.0";
const packageInfo = {
	version: version};

const m = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = "stringEquals", h = { [m]: "Endpoint" }, i = { [m]: d }, j = { [m]: "Region" }, k = {}, l = [j];
const _data = {
    conditions: [
        [c, [h]],
        [c, l],
        ["aws.partition", l, d],
        [e, [{ [m]: "UseFIPS" }, b]],
        [e, [{ [m]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [i, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [i, "supportsFIPS"] }, b]],
        [g, [j, "us-gov-east-1"]],
        [g, [j, "us-gov-west-1"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [h, k],
        ["https://cloudtrail-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://cloudtrail.us-gov-east-1.amazonaws.com", k],
        ["https://cloudtrail.us-gov-west-1.amazonaws.com", k],
        ["https://cloudtrail-fips.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://cloudtrail.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://cloudtrail.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 14, 3,
    1, 4, r + 13,
    2, 5, r + 13,
    3, 8, 6,
    4, 7, r + 12,
    5, r + 10, r + 11,
    4, 12, 9,
    6, 10, r + 9,
    7, r + 6, 11,
    8, r + 7, r + 8,
    5, 13, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 15,
    4, r + 2, r + 3,
]);
const bdd = index.BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new index.EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => index.decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
index.customEndpointFunctions.aws = index.awsEndpointFunctions;

class CloudTrailServiceException extends index.ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, CloudTrailServiceException.prototype);
    }
}

class AccessDeniedException extends CloudTrailServiceException {
    name = "AccessDeniedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
        this.Message = opts.Message;
    }
}
class AccountHasOngoingImportException extends CloudTrailServiceException {
    name = "AccountHasOngoingImportException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AccountHasOngoingImportException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccountHasOngoingImportException.prototype);
        this.Message = opts.Message;
    }
}
class AccountNotFoundException extends CloudTrailServiceException {
    name = "AccountNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AccountNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccountNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class AccountNotRegisteredException extends CloudTrailServiceException {
    name = "AccountNotRegisteredException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AccountNotRegisteredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccountNotRegisteredException.prototype);
        this.Message = opts.Message;
    }
}
class AccountRegisteredException extends CloudTrailServiceException {
    name = "AccountRegisteredException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AccountRegisteredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccountRegisteredException.prototype);
        this.Message = opts.Message;
    }
}
class ChannelARNInvalidException extends CloudTrailServiceException {
    name = "ChannelARNInvalidException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ChannelARNInvalidException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ChannelARNInvalidException.prototype);
        this.Message = opts.Message;
    }
}
class ChannelNotFoundException extends CloudTrailServiceException {
    name = "ChannelNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ChannelNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ChannelNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class CloudTrailARNInvalidException extends CloudTrailServiceException {
    name = "CloudTrailARNInvalidException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CloudTrailARNInvalidException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CloudTrailARNInvalidException.prototype);
        this.Message = opts.Message;
    }
}
class ConflictException extends CloudTrailServiceException {
    name = "ConflictException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
        this.Message = opts.Message;
    }
}
class EventDataStoreARNInvalidException extends CloudTrailServiceException {
    name = "EventDataStoreARNInvalidException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "EventDataStoreARNInvalidException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventDataStoreARNInvalidException.prototype);
        this.Message = opts.Message;
    }
}
class EventDataStoreNotFoundException extends CloudTrailServiceException {
    name = "EventDataStoreNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "EventDataStoreNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventDataStoreNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class InactiveEventDataStoreException extends CloudTrailServiceException {
    name = "InactiveEventDataStoreException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InactiveEventDataStoreException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InactiveEventDataStoreException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidTagParameterException extends CloudTrailServiceException {
    name = "InvalidTagParameterException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidTagParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTagParameterException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidTrailNameException extends CloudTrailServiceException {
    name = "InvalidTrailNameException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidTrailNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTrailNameException.prototype);
        this.Message = opts.Message;
    }
}
class NoManagementAccountSLRExistsException extends CloudTrailServiceException {
    name = "NoManagementAccountSLRExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "NoManagementAccountSLRExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, NoManagementAccountSLRExistsException.prototype);
        this.Message = opts.Message;
    }
}
class NotOrganizationMasterAccountException extends CloudTrailServiceException {
    name = "NotOrganizationMasterAccountException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "NotOrganizationMasterAccountException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, NotOrganizationMasterAccountException.prototype);
        this.Message = opts.Message;
    }
}
class OperationNotPermittedException extends CloudTrailServiceException {
    name = "OperationNotPermittedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OperationNotPermittedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationNotPermittedException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceNotFoundException extends CloudTrailServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceTypeNotSupportedException extends CloudTrailServiceException {
    name = "ResourceTypeNotSupportedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceTypeNotSupportedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceTypeNotSupportedException.prototype);
        this.Message = opts.Message;
    }
}
class TagsLimitExceededException extends CloudTrailServiceException {
    name = "TagsLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TagsLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TagsLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class UnsupportedOperationException extends CloudTrailServiceException {
    name = "UnsupportedOperationException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "UnsupportedOperationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnsupportedOperationException.prototype);
        this.Message = opts.Message;
    }
}
class InactiveQueryException extends CloudTrailServiceException {
    name = "InactiveQueryException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InactiveQueryException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InactiveQueryException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidParameterException extends CloudTrailServiceException {
    name = "InvalidParameterException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterException.prototype);
        this.Message = opts.Message;
    }
}
class QueryIdNotFoundException extends CloudTrailServiceException {
    name = "QueryIdNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "QueryIdNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, QueryIdNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class CannotDelegateManagementAccountException extends CloudTrailServiceException {
    name = "CannotDelegateManagementAccountException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CannotDelegateManagementAccountException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CannotDelegateManagementAccountException.prototype);
        this.Message = opts.Message;
    }
}
class ChannelAlreadyExistsException extends CloudTrailServiceException {
    name = "ChannelAlreadyExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ChannelAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ChannelAlreadyExistsException.prototype);
        this.Message = opts.Message;
    }
}
class ChannelExistsForEDSException extends CloudTrailServiceException {
    name = "ChannelExistsForEDSException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ChannelExistsForEDSException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ChannelExistsForEDSException.prototype);
        this.Message = opts.Message;
    }
}
class ChannelMaxLimitExceededException extends CloudTrailServiceException {
    name = "ChannelMaxLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ChannelMaxLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ChannelMaxLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidEventDataStoreCategoryException extends CloudTrailServiceException {
    name = "InvalidEventDataStoreCategoryException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidEventDataStoreCategoryException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidEventDataStoreCategoryException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidSourceException extends CloudTrailServiceException {
    name = "InvalidSourceException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidSourceException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSourceException.prototype);
        this.Message = opts.Message;
    }
}
class InsufficientEncryptionPolicyException extends CloudTrailServiceException {
    name = "InsufficientEncryptionPolicyException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InsufficientEncryptionPolicyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientEncryptionPolicyException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidQueryStatementException extends CloudTrailServiceException {
    name = "InvalidQueryStatementException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidQueryStatementException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidQueryStatementException.prototype);
        this.Message = opts.Message;
    }
}
class ServiceQuotaExceededException extends CloudTrailServiceException {
    name = "ServiceQuotaExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ServiceQuotaExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
        this.Message = opts.Message;
    }
}
class CloudTrailAccessNotEnabledException extends CloudTrailServiceException {
    name = "CloudTrailAccessNotEnabledException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CloudTrailAccessNotEnabledException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CloudTrailAccessNotEnabledException.prototype);
        this.Message = opts.Message;
    }
}
class EventDataStoreAlreadyExistsException extends CloudTrailServiceException {
    name = "EventDataStoreAlreadyExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "EventDataStoreAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventDataStoreAlreadyExistsException.prototype);
        this.Message = opts.Message;
    }
}
class EventDataStoreMaxLimitExceededException extends CloudTrailServiceException {
    name = "EventDataStoreMaxLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "EventDataStoreMaxLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventDataStoreMaxLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class InsufficientDependencyServiceAccessPermissionException extends CloudTrailServiceException {
    name = "InsufficientDependencyServiceAccessPermissionException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InsufficientDependencyServiceAccessPermissionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientDependencyServiceAccessPermissionException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidEventSelectorsException extends CloudTrailServiceException {
    name = "InvalidEventSelectorsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidEventSelectorsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidEventSelectorsException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidKmsKeyIdException extends CloudTrailServiceException {
    name = "InvalidKmsKeyIdException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidKmsKeyIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidKmsKeyIdException.prototype);
        this.Message = opts.Message;
    }
}
class KmsException extends CloudTrailServiceException {
    name = "KmsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "KmsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KmsException.prototype);
        this.Message = opts.Message;
    }
}
class KmsKeyNotFoundException extends CloudTrailServiceException {
    name = "KmsKeyNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "KmsKeyNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KmsKeyNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class OrganizationNotInAllFeaturesModeException extends CloudTrailServiceException {
    name = "OrganizationNotInAllFeaturesModeException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OrganizationNotInAllFeaturesModeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OrganizationNotInAllFeaturesModeException.prototype);
        this.Message = opts.Message;
    }
}
class OrganizationsNotInUseException extends CloudTrailServiceException {
    name = "OrganizationsNotInUseException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OrganizationsNotInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OrganizationsNotInUseException.prototype);
        this.Message = opts.Message;
    }
}
class ThrottlingException extends CloudTrailServiceException {
    name = "ThrottlingException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
        this.Message = opts.Message;
    }
}
class CloudTrailInvalidClientTokenIdException extends CloudTrailServiceException {
    name = "CloudTrailInvalidClientTokenIdException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CloudTrailInvalidClientTokenIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CloudTrailInvalidClientTokenIdException.prototype);
        this.Message = opts.Message;
    }
}
class CloudWatchLogsDeliveryUnavailableException extends CloudTrailServiceException {
    name = "CloudWatchLogsDeliveryUnavailableException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CloudWatchLogsDeliveryUnavailableException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CloudWatchLogsDeliveryUnavailableException.prototype);
        this.Message = opts.Message;
    }
}
class InsufficientS3BucketPolicyException extends CloudTrailServiceException {
    name = "InsufficientS3BucketPolicyException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InsufficientS3BucketPolicyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientS3BucketPolicyException.prototype);
        this.Message = opts.Message;
    }
}
class InsufficientSnsTopicPolicyException extends CloudTrailServiceException {
    name = "InsufficientSnsTopicPolicyException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InsufficientSnsTopicPolicyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientSnsTopicPolicyException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidCloudWatchLogsLogGroupArnException extends CloudTrailServiceException {
    name = "InvalidCloudWatchLogsLogGroupArnException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidCloudWatchLogsLogGroupArnException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidCloudWatchLogsLogGroupArnException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidCloudWatchLogsRoleArnException extends CloudTrailServiceException {
    name = "InvalidCloudWatchLogsRoleArnException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidCloudWatchLogsRoleArnException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidCloudWatchLogsRoleArnException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidParameterCombinationException extends CloudTrailServiceException {
    name = "InvalidParameterCombinationException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidParameterCombinationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterCombinationException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidS3BucketNameException extends CloudTrailServiceException {
    name = "InvalidS3BucketNameException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidS3BucketNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidS3BucketNameException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidS3PrefixException extends CloudTrailServiceException {
    name = "InvalidS3PrefixException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidS3PrefixException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidS3PrefixException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidSnsTopicNameException extends CloudTrailServiceException {
    name = "InvalidSnsTopicNameException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidSnsTopicNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSnsTopicNameException.prototype);
        this.Message = opts.Message;
    }
}
class KmsKeyDisabledException extends CloudTrailServiceException {
    name = "KmsKeyDisabledException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "KmsKeyDisabledException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KmsKeyDisabledException.prototype);
        this.Message = opts.Message;
    }
}
class MaximumNumberOfTrailsExceededException extends CloudTrailServiceException {
    name = "MaximumNumberOfTrailsExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "MaximumNumberOfTrailsExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, MaximumNumberOfTrailsExceededException.prototype);
        this.Message = opts.Message;
    }
}
class S3BucketDoesNotExistException extends CloudTrailServiceException {
    name = "S3BucketDoesNotExistException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "S3BucketDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, S3BucketDoesNotExistException.prototype);
        this.Message = opts.Message;
    }
}
class TrailAlreadyExistsException extends CloudTrailServiceException {
    name = "TrailAlreadyExistsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TrailAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TrailAlreadyExistsException.prototype);
        this.Message = opts.Message;
    }
}
class TrailNotProvidedException extends CloudTrailServiceException {
    name = "TrailNotProvidedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TrailNotProvidedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TrailNotProvidedException.prototype);
        this.Message = opts.Message;
    }
}
class EventDataStoreFederationEnabledException extends CloudTrailServiceException {
    name = "EventDataStoreFederationEnabledException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "EventDataStoreFederationEnabledException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventDataStoreFederationEnabledException.prototype);
        this.Message = opts.Message;
    }
}
class EventDataStoreHasOngoingImportException extends CloudTrailServiceException {
    name = "EventDataStoreHasOngoingImportException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "EventDataStoreHasOngoingImportException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventDataStoreHasOngoingImportException.prototype);
        this.Message = opts.Message;
    }
}
class EventDataStoreTerminationProtectedException extends CloudTrailServiceException {
    name = "EventDataStoreTerminationProtectedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "EventDataStoreTerminationProtectedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventDataStoreTerminationProtectedException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceARNNotValidException extends CloudTrailServiceException {
    name = "ResourceARNNotValidException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceARNNotValidException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceARNNotValidException.prototype);
        this.Message = opts.Message;
    }
}
class ResourcePolicyNotFoundException extends CloudTrailServiceException {
    name = "ResourcePolicyNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourcePolicyNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourcePolicyNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidHomeRegionException extends CloudTrailServiceException {
    name = "InvalidHomeRegionException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidHomeRegionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidHomeRegionException.prototype);
        this.Message = opts.Message;
    }
}
class TrailNotFoundException extends CloudTrailServiceException {
    name = "TrailNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TrailNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TrailNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class NotOrganizationManagementAccountException extends CloudTrailServiceException {
    name = "NotOrganizationManagementAccountException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "NotOrganizationManagementAccountException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, NotOrganizationManagementAccountException.prototype);
        this.Message = opts.Message;
    }
}
class ConcurrentModificationException extends CloudTrailServiceException {
    name = "ConcurrentModificationException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConcurrentModificationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConcurrentModificationException.prototype);
        this.Message = opts.Message;
    }
}
class GenerateResponseException extends CloudTrailServiceException {
    name = "GenerateResponseException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "GenerateResponseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, GenerateResponseException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidEventDataStoreStatusException extends CloudTrailServiceException {
    name = "InvalidEventDataStoreStatusException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidEventDataStoreStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidEventDataStoreStatusException.prototype);
        this.Message = opts.Message;
    }
}
class ImportNotFoundException extends CloudTrailServiceException {
    name = "ImportNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ImportNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ImportNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class InsightNotEnabledException extends CloudTrailServiceException {
    name = "InsightNotEnabledException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InsightNotEnabledException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsightNotEnabledException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidMaxResultsException extends CloudTrailServiceException {
    name = "InvalidMaxResultsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidMaxResultsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidMaxResultsException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidNextTokenException extends CloudTrailServiceException {
    name = "InvalidNextTokenException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidNextTokenException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidNextTokenException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidTimeRangeException extends CloudTrailServiceException {
    name = "InvalidTimeRangeException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidTimeRangeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTimeRangeException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidTokenException extends CloudTrailServiceException {
    name = "InvalidTokenException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidTokenException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTokenException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidDateRangeException extends CloudTrailServiceException {
    name = "InvalidDateRangeException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidDateRangeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDateRangeException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidQueryStatusException extends CloudTrailServiceException {
    name = "InvalidQueryStatusException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidQueryStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidQueryStatusException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidEventCategoryException extends CloudTrailServiceException {
    name = "InvalidEventCategoryException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidEventCategoryException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidEventCategoryException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidLookupAttributesException extends CloudTrailServiceException {
    name = "InvalidLookupAttributesException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidLookupAttributesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidLookupAttributesException.prototype);
        this.Message = opts.Message;
    }
}
class InsufficientIAMAccessPermissionException extends CloudTrailServiceException {
    name = "InsufficientIAMAccessPermissionException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InsufficientIAMAccessPermissionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientIAMAccessPermissionException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidInsightSelectorsException extends CloudTrailServiceException {
    name = "InvalidInsightSelectorsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidInsightSelectorsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidInsightSelectorsException.prototype);
        this.Message = opts.Message;
    }
}
class ResourcePolicyNotValidException extends CloudTrailServiceException {
    name = "ResourcePolicyNotValidException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourcePolicyNotValidException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourcePolicyNotValidException.prototype);
        this.Message = opts.Message;
    }
}
class DelegatedAdminAccountLimitExceededException extends CloudTrailServiceException {
    name = "DelegatedAdminAccountLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "DelegatedAdminAccountLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DelegatedAdminAccountLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidImportSourceException extends CloudTrailServiceException {
    name = "InvalidImportSourceException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidImportSourceException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidImportSourceException.prototype);
        this.Message = opts.Message;
    }
}
class MaxConcurrentQueriesException extends CloudTrailServiceException {
    name = "MaxConcurrentQueriesException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "MaxConcurrentQueriesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, MaxConcurrentQueriesException.prototype);
        this.Message = opts.Message;
    }
}

const _ADE = "AccessDeniedException";
const _AHOIE = "AccountHasOngoingImportException";
const _AK = "AttributeKey";
const _AKI = "AccessKeyId";
const _ANFE = "AccountNotFoundException";
const _ANRE = "AccountNotRegisteredException";
const _ARE = "AccountRegisteredException";
const _AV = "AttributeValue";
const _CAEE = "ChannelAlreadyExistsException";
const _CARNIE = "ChannelARNInvalidException";
const _CDMAE = "CannotDelegateManagementAccountException";
const _CE = "ConflictException";
const _CEFEDSE = "ChannelExistsForEDSException";
const _CME = "ConcurrentModificationException";
const _CMLEE = "ChannelMaxLimitExceededException";
const _CNFE = "ChannelNotFoundException";
const _CTANEE = "CloudTrailAccessNotEnabledException";
const _CTARNIE = "CloudTrailARNInvalidException";
const _CTE = "CloudTrailEvent";
const _CTICTIE = "CloudTrailInvalidClientTokenIdException";
const _CWLDUE = "CloudWatchLogsDeliveryUnavailableException";
const _DAALEE = "DelegatedAdminAccountLimitExceededException";
const _EC = "EventCategory";
const _EDSAEE = "EventDataStoreAlreadyExistsException";
const _EDSARNIE = "EventDataStoreARNInvalidException";
const _EDSFEE = "EventDataStoreFederationEnabledException";
const _EDSHOIE = "EventDataStoreHasOngoingImportException";
const _EDSMLEE = "EventDataStoreMaxLimitExceededException";
const _EDSNFE = "EventDataStoreNotFoundException";
const _EDSTPE = "EventDataStoreTerminationProtectedException";
const _EI = "EventId";
const _EL = "EventsList";
const _EN = "EventName";
const _ES = "EventSource";
const _ET = "EventTime";
const _ETn = "EndTime";
const _Ev = "Event";
const _Eve = "Events";
const _GRE = "GenerateResponseException";
const _ICWLLGAE = "InvalidCloudWatchLogsLogGroupArnException";
const _ICWLRAE = "InvalidCloudWatchLogsRoleArnException";
const _IDRE = "InvalidDateRangeException";
const _IDSAPE = "InsufficientDependencyServiceAccessPermissionException";
const _IECE = "InvalidEventCategoryException";
const _IEDSCE = "InvalidEventDataStoreCategoryException";
const _IEDSE = "InactiveEventDataStoreException";
const _IEDSSE = "InvalidEventDataStoreStatusException";
const _IEPE = "InsufficientEncryptionPolicyException";
const _IESE = "InvalidEventSelectorsException";
const _IHRE = "InvalidHomeRegionException";
const _IIAMAPE = "InsufficientIAMAccessPermissionException";
const _IISE = "InvalidImportSourceException";
const _IISEn = "InvalidInsightSelectorsException";
const _IKKIE = "InvalidKmsKeyIdException";
const _ILAE = "InvalidLookupAttributesException";
const _IMRE = "InvalidMaxResultsException";
const _INEE = "InsightNotEnabledException";
const _INFE = "ImportNotFoundException";
const _INTE = "InvalidNextTokenException";
const _IPCE = "InvalidParameterCombinationException";
const _IPE = "InvalidParameterException";
const _IQE = "InactiveQueryException";
const _IQSE = "InvalidQueryStatementException";
const _IQSEn = "InvalidQueryStatusException";
const _ISBNE = "InvalidS3BucketNameException";
const _ISBPE = "InsufficientS3BucketPolicyException";
const _ISE = "InvalidSourceException";
const _ISPE = "InvalidS3PrefixException";
const _ISTNE = "InvalidSnsTopicNameException";
const _ISTPE = "InsufficientSnsTopicPolicyException";
const _ITE = "InvalidTokenException";
const _ITNE = "InvalidTrailNameException";
const _ITPE = "InvalidTagParameterException";
const _ITRE = "InvalidTimeRangeException";
const _KE = "KmsException";
const _KKDE = "KmsKeyDisabledException";
const _KKNFE = "KmsKeyNotFoundException";
const _LA = "LookupAttribute";
const _LAL = "LookupAttributesList";
const _LAo = "LookupAttributes";
const _LE = "LookupEvents";
const _LER = "LookupEventsRequest";
const _LERo = "LookupEventsResponse";
const _M = "Message";
const _MCQE = "MaxConcurrentQueriesException";
const _MNOTEE = "MaximumNumberOfTrailsExceededException";
const _MR = "MaxResults";
const _NMASLREE = "NoManagementAccountSLRExistsException";
const _NOMAE = "NotOrganizationManagementAccountException";
const _NOMAEo = "NotOrganizationMasterAccountException";
const _NT = "NextToken";
const _ONIAFME = "OrganizationNotInAllFeaturesModeException";
const _ONIUE = "OrganizationsNotInUseException";
const _ONPE = "OperationNotPermittedException";
const _QINFE = "QueryIdNotFoundException";
const _R = "Resources";
const _RARNNVE = "ResourceARNNotValidException";
const _RLe = "ResourceList";
const _RN = "ResourceName";
const _RNFE = "ResourceNotFoundException";
const _RO = "ReadOnly";
const _RPNFE = "ResourcePolicyNotFoundException";
const _RPNVE = "ResourcePolicyNotValidException";
const _RT = "ResourceType";
const _RTNSE = "ResourceTypeNotSupportedException";
const _Re = "Resource";
const _SBDNEE = "S3BucketDoesNotExistException";
const _SQEE = "ServiceQuotaExceededException";
const _ST = "StartTime";
const _TAEE = "TrailAlreadyExistsException";
const _TE = "ThrottlingException";
const _TLEE = "TagsLimitExceededException";
const _TNFE = "TrailNotFoundException";
const _TNPE = "TrailNotProvidedException";
const _U = "Username";
const _UOE = "UnsupportedOperationException";
const _aQE = "awsQueryError";
const _c = "client";
const _e = "error";
const _hE = "httpError";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.cloudtrail";
const n0 = "com.amazonaws.cloudtrail";
const _s_registry = index.TypeRegistry.for(_s);
var CloudTrailServiceException$ = [-3, _s, "CloudTrailServiceException", 0, [], []];
_s_registry.registerError(CloudTrailServiceException$, CloudTrailServiceException);
const n0_registry = index.TypeRegistry.for(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_aQE]: [`ResourceAccessDenied`, 403], [_e]: _c, [_hE]: 403 },
    [_M],
    [0]
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var AccountHasOngoingImportException$ = [-3, n0, _AHOIE,
    { [_aQE]: [`AccountHasOngoingImport`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(AccountHasOngoingImportException$, AccountHasOngoingImportException);
var AccountNotFoundException$ = [-3, n0, _ANFE,
    { [_aQE]: [`AccountNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(AccountNotFoundException$, AccountNotFoundException);
var AccountNotRegisteredException$ = [-3, n0, _ANRE,
    { [_aQE]: [`AccountNotRegistered`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(AccountNotRegisteredException$, AccountNotRegisteredException);
var AccountRegisteredException$ = [-3, n0, _ARE,
    { [_aQE]: [`AccountRegistered`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(AccountRegisteredException$, AccountRegisteredException);
var CannotDelegateManagementAccountException$ = [-3, n0, _CDMAE,
    { [_aQE]: [`CannotDelegateManagementAccount`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CannotDelegateManagementAccountException$, CannotDelegateManagementAccountException);
var ChannelAlreadyExistsException$ = [-3, n0, _CAEE,
    { [_aQE]: [`ChannelAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ChannelAlreadyExistsException$, ChannelAlreadyExistsException);
var ChannelARNInvalidException$ = [-3, n0, _CARNIE,
    { [_aQE]: [`ChannelARNInvalid`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ChannelARNInvalidException$, ChannelARNInvalidException);
var ChannelExistsForEDSException$ = [-3, n0, _CEFEDSE,
    { [_aQE]: [`ChannelExistsForEDS`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ChannelExistsForEDSException$, ChannelExistsForEDSException);
var ChannelMaxLimitExceededException$ = [-3, n0, _CMLEE,
    { [_aQE]: [`ChannelMaxLimitExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ChannelMaxLimitExceededException$, ChannelMaxLimitExceededException);
var ChannelNotFoundException$ = [-3, n0, _CNFE,
    { [_aQE]: [`ChannelNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(ChannelNotFoundException$, ChannelNotFoundException);
var CloudTrailAccessNotEnabledException$ = [-3, n0, _CTANEE,
    { [_aQE]: [`CloudTrailAccessNotEnabled`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CloudTrailAccessNotEnabledException$, CloudTrailAccessNotEnabledException);
var CloudTrailARNInvalidException$ = [-3, n0, _CTARNIE,
    { [_aQE]: [`CloudTrailARNInvalid`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CloudTrailARNInvalidException$, CloudTrailARNInvalidException);
var CloudTrailInvalidClientTokenIdException$ = [-3, n0, _CTICTIE,
    { [_aQE]: [`CloudTrailInvalidClientTokenId`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CloudTrailInvalidClientTokenIdException$, CloudTrailInvalidClientTokenIdException);
var CloudWatchLogsDeliveryUnavailableException$ = [-3, n0, _CWLDUE,
    { [_aQE]: [`CloudWatchLogsDeliveryUnavailable`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CloudWatchLogsDeliveryUnavailableException$, CloudWatchLogsDeliveryUnavailableException);
var ConcurrentModificationException$ = [-3, n0, _CME,
    { [_aQE]: [`ConcurrentModification`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ConcurrentModificationException$, ConcurrentModificationException);
var ConflictException$ = [-3, n0, _CE,
    { [_aQE]: [`ConflictException`, 409], [_e]: _c, [_hE]: 409 },
    [_M],
    [0]
];
n0_registry.registerError(ConflictException$, ConflictException);
var DelegatedAdminAccountLimitExceededException$ = [-3, n0, _DAALEE,
    { [_aQE]: [`DelegatedAdminAccountLimitExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(DelegatedAdminAccountLimitExceededException$, DelegatedAdminAccountLimitExceededException);
var EventDataStoreAlreadyExistsException$ = [-3, n0, _EDSAEE,
    { [_aQE]: [`EventDataStoreAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(EventDataStoreAlreadyExistsException$, EventDataStoreAlreadyExistsException);
var EventDataStoreARNInvalidException$ = [-3, n0, _EDSARNIE,
    { [_aQE]: [`EventDataStoreARNInvalid`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(EventDataStoreARNInvalidException$, EventDataStoreARNInvalidException);
var EventDataStoreFederationEnabledException$ = [-3, n0, _EDSFEE,
    { [_aQE]: [`EventDataStoreFederationEnabled`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(EventDataStoreFederationEnabledException$, EventDataStoreFederationEnabledException);
var EventDataStoreHasOngoingImportException$ = [-3, n0, _EDSHOIE,
    { [_aQE]: [`EventDataStoreHasOngoingImport`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(EventDataStoreHasOngoingImportException$, EventDataStoreHasOngoingImportException);
var EventDataStoreMaxLimitExceededException$ = [-3, n0, _EDSMLEE,
    { [_aQE]: [`EventDataStoreMaxLimitExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(EventDataStoreMaxLimitExceededException$, EventDataStoreMaxLimitExceededException);
var EventDataStoreNotFoundException$ = [-3, n0, _EDSNFE,
    { [_aQE]: [`EventDataStoreNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(EventDataStoreNotFoundException$, EventDataStoreNotFoundException);
var EventDataStoreTerminationProtectedException$ = [-3, n0, _EDSTPE,
    { [_aQE]: [`EventDataStoreTerminationProtectedException`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(EventDataStoreTerminationProtectedException$, EventDataStoreTerminationProtectedException);
var GenerateResponseException$ = [-3, n0, _GRE,
    { [_aQE]: [`GenerateResponse`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(GenerateResponseException$, GenerateResponseException);
var ImportNotFoundException$ = [-3, n0, _INFE,
    { [_aQE]: [`ImportNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(ImportNotFoundException$, ImportNotFoundException);
var InactiveEventDataStoreException$ = [-3, n0, _IEDSE,
    { [_aQE]: [`InactiveEventDataStore`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InactiveEventDataStoreException$, InactiveEventDataStoreException);
var InactiveQueryException$ = [-3, n0, _IQE,
    { [_aQE]: [`InactiveQuery`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InactiveQueryException$, InactiveQueryException);
var InsightNotEnabledException$ = [-3, n0, _INEE,
    { [_aQE]: [`InsightNotEnabled`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InsightNotEnabledException$, InsightNotEnabledException);
var InsufficientDependencyServiceAccessPermissionException$ = [-3, n0, _IDSAPE,
    { [_aQE]: [`InsufficientDependencyServiceAccessPermission`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InsufficientDependencyServiceAccessPermissionException$, InsufficientDependencyServiceAccessPermissionException);
var InsufficientEncryptionPolicyException$ = [-3, n0, _IEPE,
    { [_aQE]: [`InsufficientEncryptionPolicy`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InsufficientEncryptionPolicyException$, InsufficientEncryptionPolicyException);
var InsufficientIAMAccessPermissionException$ = [-3, n0, _IIAMAPE,
    { [_aQE]: [`InsufficientIAMAccessPermission`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InsufficientIAMAccessPermissionException$, InsufficientIAMAccessPermissionException);
var InsufficientS3BucketPolicyException$ = [-3, n0, _ISBPE,
    { [_aQE]: [`InsufficientS3BucketPolicy`, 403], [_e]: _c, [_hE]: 403 },
    [_M],
    [0]
];
n0_registry.registerError(InsufficientS3BucketPolicyException$, InsufficientS3BucketPolicyException);
var InsufficientSnsTopicPolicyException$ = [-3, n0, _ISTPE,
    { [_aQE]: [`InsufficientSnsTopicPolicy`, 403], [_e]: _c, [_hE]: 403 },
    [_M],
    [0]
];
n0_registry.registerError(InsufficientSnsTopicPolicyException$, InsufficientSnsTopicPolicyException);
var InvalidCloudWatchLogsLogGroupArnException$ = [-3, n0, _ICWLLGAE,
    { [_aQE]: [`InvalidCloudWatchLogsLogGroupArn`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidCloudWatchLogsLogGroupArnException$, InvalidCloudWatchLogsLogGroupArnException);
var InvalidCloudWatchLogsRoleArnException$ = [-3, n0, _ICWLRAE,
    { [_aQE]: [`InvalidCloudWatchLogsRoleArn`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidCloudWatchLogsRoleArnException$, InvalidCloudWatchLogsRoleArnException);
var InvalidDateRangeException$ = [-3, n0, _IDRE,
    { [_aQE]: [`InvalidDateRange`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidDateRangeException$, InvalidDateRangeException);
var InvalidEventCategoryException$ = [-3, n0, _IECE,
    { [_aQE]: [`InvalidEventCategory`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidEventCategoryException$, InvalidEventCategoryException);
var InvalidEventDataStoreCategoryException$ = [-3, n0, _IEDSCE,
    { [_aQE]: [`InvalidEventDataStoreCategory`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidEventDataStoreCategoryException$, InvalidEventDataStoreCategoryException);
var InvalidEventDataStoreStatusException$ = [-3, n0, _IEDSSE,
    { [_aQE]: [`InvalidEventDataStoreStatus`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidEventDataStoreStatusException$, InvalidEventDataStoreStatusException);
var InvalidEventSelectorsException$ = [-3, n0, _IESE,
    { [_aQE]: [`InvalidEventSelectors`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidEventSelectorsException$, InvalidEventSelectorsException);
var InvalidHomeRegionException$ = [-3, n0, _IHRE,
    { [_aQE]: [`InvalidHomeRegion`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidHomeRegionException$, InvalidHomeRegionException);
var InvalidImportSourceException$ = [-3, n0, _IISE,
    { [_aQE]: [`InvalidImportSource`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidImportSourceException$, InvalidImportSourceException);
var InvalidInsightSelectorsException$ = [-3, n0, _IISEn,
    { [_aQE]: [`InvalidInsightSelectors`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidInsightSelectorsException$, InvalidInsightSelectorsException);
var InvalidKmsKeyIdException$ = [-3, n0, _IKKIE,
    { [_aQE]: [`InvalidKmsKeyId`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidKmsKeyIdException$, InvalidKmsKeyIdException);
var InvalidLookupAttributesException$ = [-3, n0, _ILAE,
    { [_aQE]: [`InvalidLookupAttributes`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidLookupAttributesException$, InvalidLookupAttributesException);
var InvalidMaxResultsException$ = [-3, n0, _IMRE,
    { [_aQE]: [`InvalidMaxResults`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidMaxResultsException$, InvalidMaxResultsException);
var InvalidNextTokenException$ = [-3, n0, _INTE,
    { [_aQE]: [`InvalidNextToken`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidNextTokenException$, InvalidNextTokenException);
var InvalidParameterCombinationException$ = [-3, n0, _IPCE,
    { [_aQE]: [`InvalidParameterCombinationError`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidParameterCombinationException$, InvalidParameterCombinationException);
var InvalidParameterException$ = [-3, n0, _IPE,
    { [_aQE]: [`InvalidParameter`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidParameterException$, InvalidParameterException);
var InvalidQueryStatementException$ = [-3, n0, _IQSE,
    { [_aQE]: [`InvalidQueryStatement`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidQueryStatementException$, InvalidQueryStatementException);
var InvalidQueryStatusException$ = [-3, n0, _IQSEn,
    { [_aQE]: [`InvalidQueryStatus`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidQueryStatusException$, InvalidQueryStatusException);
var InvalidS3BucketNameException$ = [-3, n0, _ISBNE,
    { [_aQE]: [`InvalidS3BucketName`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidS3BucketNameException$, InvalidS3BucketNameException);
var InvalidS3PrefixException$ = [-3, n0, _ISPE,
    { [_aQE]: [`InvalidS3Prefix`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidS3PrefixException$, InvalidS3PrefixException);
var InvalidSnsTopicNameException$ = [-3, n0, _ISTNE,
    { [_aQE]: [`InvalidSnsTopicName`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidSnsTopicNameException$, InvalidSnsTopicNameException);
var InvalidSourceException$ = [-3, n0, _ISE,
    { [_aQE]: [`InvalidSource`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidSourceException$, InvalidSourceException);
var InvalidTagParameterException$ = [-3, n0, _ITPE,
    { [_aQE]: [`InvalidTagParameter`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidTagParameterException$, InvalidTagParameterException);
var InvalidTimeRangeException$ = [-3, n0, _ITRE,
    { [_aQE]: [`InvalidTimeRange`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidTimeRangeException$, InvalidTimeRangeException);
var InvalidTokenException$ = [-3, n0, _ITE,
    { [_aQE]: [`InvalidToken`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidTokenException$, InvalidTokenException);
var InvalidTrailNameException$ = [-3, n0, _ITNE,
    { [_aQE]: [`InvalidTrailName`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidTrailNameException$, InvalidTrailNameException);
var KmsException$ = [-3, n0, _KE,
    { [_aQE]: [`KmsException`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(KmsException$, KmsException);
var KmsKeyDisabledException$ = [-3, n0, _KKDE,
    { [_aQE]: [`KmsKeyDisabled`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(KmsKeyDisabledException$, KmsKeyDisabledException);
var KmsKeyNotFoundException$ = [-3, n0, _KKNFE,
    { [_aQE]: [`KmsKeyNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(KmsKeyNotFoundException$, KmsKeyNotFoundException);
var MaxConcurrentQueriesException$ = [-3, n0, _MCQE,
    { [_aQE]: [`MaxConcurrentQueries`, 429], [_e]: _c, [_hE]: 429 },
    [_M],
    [0]
];
n0_registry.registerError(MaxConcurrentQueriesException$, MaxConcurrentQueriesException);
var MaximumNumberOfTrailsExceededException$ = [-3, n0, _MNOTEE,
    { [_aQE]: [`MaximumNumberOfTrailsExceeded`, 403], [_e]: _c, [_hE]: 403 },
    [_M],
    [0]
];
n0_registry.registerError(MaximumNumberOfTrailsExceededException$, MaximumNumberOfTrailsExceededException);
var NoManagementAccountSLRExistsException$ = [-3, n0, _NMASLREE,
    { [_aQE]: [`NoManagementAccountSLRExists`, 403], [_e]: _c, [_hE]: 403 },
    [_M],
    [0]
];
n0_registry.registerError(NoManagementAccountSLRExistsException$, NoManagementAccountSLRExistsException);
var NotOrganizationManagementAccountException$ = [-3, n0, _NOMAE,
    { [_aQE]: [`NotOrganizationManagementAccount`, 403], [_e]: _c, [_hE]: 403 },
    [_M],
    [0]
];
n0_registry.registerError(NotOrganizationManagementAccountException$, NotOrganizationManagementAccountException);
var NotOrganizationMasterAccountException$ = [-3, n0, _NOMAEo,
    { [_aQE]: [`NotOrganizationMasterAccount`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(NotOrganizationMasterAccountException$, NotOrganizationMasterAccountException);
var OperationNotPermittedException$ = [-3, n0, _ONPE,
    { [_aQE]: [`OperationNotPermitted`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(OperationNotPermittedException$, OperationNotPermittedException);
var OrganizationNotInAllFeaturesModeException$ = [-3, n0, _ONIAFME,
    { [_aQE]: [`OrganizationNotInAllFeaturesMode`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(OrganizationNotInAllFeaturesModeException$, OrganizationNotInAllFeaturesModeException);
var OrganizationsNotInUseException$ = [-3, n0, _ONIUE,
    { [_aQE]: [`OrganizationsNotInUse`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(OrganizationsNotInUseException$, OrganizationsNotInUseException);
var QueryIdNotFoundException$ = [-3, n0, _QINFE,
    { [_aQE]: [`QueryIdNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(QueryIdNotFoundException$, QueryIdNotFoundException);
var ResourceARNNotValidException$ = [-3, n0, _RARNNVE,
    { [_aQE]: [`ResourceARNNotValid`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ResourceARNNotValidException$, ResourceARNNotValidException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_aQE]: [`ResourceNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ResourcePolicyNotFoundException$ = [-3, n0, _RPNFE,
    { [_aQE]: [`ResourcePolicyNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(ResourcePolicyNotFoundException$, ResourcePolicyNotFoundException);
var ResourcePolicyNotValidException$ = [-3, n0, _RPNVE,
    { [_aQE]: [`ResourcePolicyNotValid`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ResourcePolicyNotValidException$, ResourcePolicyNotValidException);
var ResourceTypeNotSupportedException$ = [-3, n0, _RTNSE,
    { [_aQE]: [`ResourceTypeNotSupported`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ResourceTypeNotSupportedException$, ResourceTypeNotSupportedException);
var S3BucketDoesNotExistException$ = [-3, n0, _SBDNEE,
    { [_aQE]: [`S3BucketDoesNotExist`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(S3BucketDoesNotExistException$, S3BucketDoesNotExistException);
var ServiceQuotaExceededException$ = [-3, n0, _SQEE,
    { [_aQE]: [`ServiceQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
var TagsLimitExceededException$ = [-3, n0, _TLEE,
    { [_aQE]: [`TagsLimitExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TagsLimitExceededException$, TagsLimitExceededException);
var ThrottlingException$ = [-3, n0, _TE,
    { [_aQE]: [`ThrottlingException`, 429], [_e]: _c, [_hE]: 429 },
    [_M],
    [0]
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var TrailAlreadyExistsException$ = [-3, n0, _TAEE,
    { [_aQE]: [`TrailAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TrailAlreadyExistsException$, TrailAlreadyExistsException);
var TrailNotFoundException$ = [-3, n0, _TNFE,
    { [_aQE]: [`TrailNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(TrailNotFoundException$, TrailNotFoundException);
var TrailNotProvidedException$ = [-3, n0, _TNPE,
    { [_aQE]: [`TrailNotProvided`, 404], [_e]: _c, [_hE]: 404 },
    [_M],
    [0]
];
n0_registry.registerError(TrailNotProvidedException$, TrailNotProvidedException);
var UnsupportedOperationException$ = [-3, n0, _UOE,
    { [_aQE]: [`UnsupportedOperation`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(UnsupportedOperationException$, UnsupportedOperationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var Event$ = [3, n0, _Ev,
    0,
    [_EI, _EN, _RO, _AKI, _ET, _ES, _U, _R, _CTE],
    [0, 0, 0, 0, 4, 0, 0, () => ResourceList, 0]
];
var LookupAttribute$ = [3, n0, _LA,
    0,
    [_AK, _AV],
    [0, 0], 2
];
var LookupEventsRequest$ = [3, n0, _LER,
    0,
    [_LAo, _ST, _ETn, _EC, _MR, _NT],
    [() => LookupAttributesList, 4, 4, 0, 1, 0]
];
var LookupEventsResponse$ = [3, n0, _LERo,
    0,
    [_Eve, _NT],
    [() => EventsList, 0]
];
var Resource$ = [3, n0, _Re,
    0,
    [_RT, _RN],
    [0, 0]
];
var EventsList = [1, n0, _EL,
    0, () => Event$
];
var LookupAttributesList = [1, n0, _LAL,
    0, () => LookupAttribute$
];
var ResourceList = [1, n0, _RLe,
    0, () => Resource$
];
var LookupEvents$ = [9, n0, _LE,
    2, () => LookupEventsRequest$, () => LookupEventsResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2013-11-01",
        base64Decoder: config?.base64Decoder ?? index.fromBase64,
        base64Encoder: config?.base64Encoder ?? index.toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultCloudTrailHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new index.AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new index.NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.cloudtrail",
            errorTypeRegistries,
            xmlNamespace: "http://cloudtrail.amazonaws.com/doc/2013-11-01/",
            version: "2013-11-01",
            serviceTarget: "CloudTrail_20131101",
        },
        serviceId: config?.serviceId ?? "CloudTrail",
        sha256: config?.sha256 ?? index.Sha256Node,
        urlParser: config?.urlParser ?? index.parseUrl,
        utf8Decoder: config?.utf8Decoder ?? index.fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? index.toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    index.emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = index.resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(index.loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    index.emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? index.loadConfig(index.NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? index.calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? index.defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? index.createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? index.loadConfig(index.NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? index.loadConfig(index.NODE_REGION_CONFIG_OPTIONS, { ...index.NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: index.NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            index.loadConfig({
                ...index.NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || index.DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? index.streamCollector$1,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? index.loadConfig(index.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? index.loadConfig(index.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? index.loadConfig(index.NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(index.getAwsRegionExtensionConfiguration(runtimeConfig), index.getDefaultExtensionConfiguration(runtimeConfig), index.getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, index.resolveAwsRegionExtensionConfiguration(extensionConfiguration), index.resolveDefaultRuntimeConfig(extensionConfiguration), index.resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class CloudTrailClient extends index.Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = index.resolveUserAgentConfig(_config_1);
        const _config_3 = index.resolveRetryConfig(_config_2);
        const _config_4 = index.resolveRegionConfig(_config_3);
        const _config_5 = index.resolveHostHeaderConfig(_config_4);
        const _config_6 = index.resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(index.getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(index.getUserAgentPlugin(this.config));
        this.middlewareStack.use(index.getRetryPlugin(this.config));
        this.middlewareStack.use(index.getContentLengthPlugin(this.config));
        this.middlewareStack.use(index.getHostHeaderPlugin(this.config));
        this.middlewareStack.use(index.getLoggerPlugin(this.config));
        this.middlewareStack.use(index.getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(index.getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultCloudTrailHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new index.DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(index.getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = index.makeBuilder(commonParams, "CloudTrail_20131101", "CloudTrailClient", index.getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class LookupEventsCommand extends command(_ep0, _mw0, "LookupEvents", LookupEvents$) {
}

/** The CloudTrail client with the common settings (see clients.ts); imported only by a diagnosis. */
function createCloudTrailClient(settings = {}) {
    return new CloudTrailClient(index.commonConfig({ maxAttempts: index.READ_ATTEMPTS, ...settings }));
}

/**
 * Readers whose SDK clients are imported on first use: most deploys never fail on an ECS service, a database or a
 * custom resource, so their bundles keep ECS, RDS and CloudWatch Logs out of the startup path (Rollup splits each
 * dynamic import into its own chunk).
 */
function lazyEvidenceReaders(settings) {
    let ecs;
    let rds;
    let logs;
    return {
        ecs: () => (ecs ??= Promise.resolve().then(() => require('./chunk-ecs.js')).then(module => module.createEcsReader(settings))),
        rds: () => (rds ??= Promise.resolve().then(() => require('./chunk-rds.js')).then(module => module.createRdsReader(settings))),
        logs: () => (logs ??= Promise.resolve().then(() => require('./chunk-logs.js')).then(module => module.createLogsReader(settings)))
    };
}

/**
 * Evidence beyond the stack events: what ECS, RDS and CloudWatch Logs say about a resource that failed or is stuck.
 * The core reads those services through the small ports below (implemented over the SDK in src/aws/evidence, loaded
 * only when needed), so the rules here are plain functions of plain data.
 */
/** A read that cannot show anything: the permission it needed was denied, or the thing is gone. */
class EvidenceGap extends Error {
    kind;
    permission;
    constructor(kind, 
    /** The IAM action that was called, e.g. `ecs:DescribeServices`. */
    permission, message) {
        super(message);
        this.kind = kind;
        this.permission = permission;
        this.name = 'EvidenceGap';
    }
}

/** One report line for evidence that could not be read: what it would have shown, and the permission to grant. */
function describeGap(error, what) {
    if (error instanceof EvidenceGap && error.kind === 'denied')
        return `${error.permission} was denied, so the report lacks ${what}; allow ${error.permission} to the role that runs deploy-guard to see it.`;
    if (error instanceof EvidenceGap)
        return `Could not read ${what}: ${error.message}`;
    return `Could not read ${what}: ${error instanceof Error ? error.message : String(error)}`;
}
async function attempt(evidence, read, what, fallback) {
    try {
        return await read;
    }
    catch (error) {
        evidence.gaps.push(describeGap(error, what));
        return fallback;
    }
}

/** A link into the AWS console of `region`; `path` starts at the service (e.g. `rds/home?region=…#events:`). */
function consoleUrl(region, path) {
    return `https://${region}.console.aws.amazon.com/${path}`;
}

/** A CloudWatch Logs filter pattern (any term matches) for the lines worth showing, and the same rule locally. */
const ERROR_LINES_PATTERN = '?ERROR ?Error ?error ?Exception ?FATAL ?Fatal ?panic ?Traceback ?"Task timed out"';
const ERROR_LINE = /\b(?:ERROR|Error|error|Exception|FATAL|Fatal|panic|Traceback)\b|Task timed out/;
const MAX_LINE_LENGTH = 400;
function isErrorLine(message) {
    return ERROR_LINE.test(message);
}
/**
 * Error lines can still quote configuration: credentials in URLs, `password=…`, access keys and bearer tokens are
 * masked before a line reaches the report. This is defence in depth; only error lines are ever shown at all.
 */
function redactSecrets(message) {
    return message
        .replace(/(\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1***@')
        .replace(/\b((?:[A-Za-z0-9_-]*?)(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|credential)s?)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, '$1$2***')
        .replace(/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '***')
        .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***');
}
/** The last error lines of a stream or log group in the window: trimmed, redacted, oldest first. */
async function lastErrorLines(logs, query) {
    const lines = await logs.recentLines({ ...query, pattern: ERROR_LINES_PATTERN, limit: 100 });
    return (lines
        .filter(line => isErrorLine(line.message))
        .slice(-5)
        // Cut before redacting: a log line can be 256 KB, and the redaction patterns scan back and forth within words.
        .map(line => ({
        ...line,
        message: clip$1(redactSecrets(line.message.trim().slice(0, 4 * MAX_LINE_LENGTH)))
    })));
}
function clip$1(text) {
    return text.length > MAX_LINE_LENGTH ? `${text.slice(0, MAX_LINE_LENGTH - 1)}…` : text;
}
/** The CloudWatch console encodes path parts twice, with `$` for `%` (its own URL scheme). */
function consolePart(text) {
    return encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$');
}
function logGroupUrl(region, group, stream) {
    const base = consoleUrl(region, `cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${consolePart(group)}`);
    return stream ? `${base}/log-events/${consolePart(stream)}` : base;
}

const MARGIN_MS$1 = 60_000;
/** `arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]` → its name and region. */
function parseLambdaArn(token) {
    const match = /^arn:aws[\w-]*:lambda:([\w-]+):\d+:function:([\w-]+)(?::[\w$-]+)?$/.exec(token);
    return match ? { region: match[1], name: match[2] } : undefined;
}
/** Where CloudFormation's reason points: `See the details in CloudWatch Log Stream: <stream>`. */
function logStreamFromReason(reason) {
    return /CloudWatch Log Stream: (\S+)/.exec(reason ?? '')?.[1];
}
function lambdaConsoleUrl(region, name) {
    return consoleUrl(region, `lambda/home?region=${region}#/functions/${encodeURIComponent(name)}?tab=monitoring`);
}
/** The function behind the ServiceToken, its log group and stream, and the error it threw. */
async function customResourceEvidence(readers, target, evidence) {
    const token = target.serviceToken;
    if (!token) {
        evidence.gaps.push("The resource's events carry no ServiceToken, so the function behind it is not known.");
        return;
    }
    const lambda = parseLambdaArn(token);
    if (!lambda) {
        evidence.facts.push({ source: 'ServiceToken', text: token });
        evidence.gaps.push(token.includes(':sns:')
            ? 'The ServiceToken is an SNS topic; whatever answers it keeps its own logs.'
            : 'The ServiceToken is not a Lambda function ARN.');
        return;
    }
    const group = `/aws/lambda/${lambda.name}`;
    const stream = logStreamFromReason(target.reason);
    evidence.facts.push({
        source: 'custom resource',
        text: `Backed by Lambda function ${lambda.name}; it logs to ${group}${stream ? `, stream ${stream}` : ''}.`
    });
    evidence.links.push({ label: `Lambda function ${lambda.name}`, url: lambdaConsoleUrl(lambda.region, lambda.name) }, { label: stream ? 'Its log stream' : 'Its log group', url: logGroupUrl(lambda.region, group, stream) });
    const logs = await readers.logs();
    const lines = await attempt(evidence, lastErrorLines(logs, {
        group,
        ...(stream ? { stream } : {}),
        startMs: target.since - MARGIN_MS$1,
        endMs: target.until + MARGIN_MS$1
    }), `the last error lines of ${group}`, []);
    evidence.logLines.push(...lines);
    const verdict = customVerdict(lambda.name, target.reason, lines);
    if (verdict)
        evidence.verdict = verdict;
}
/**
 * The function's own message when it returned one; otherwise the error its last error line names: a Node.js
 * `Invoke Error {"errorType":…,"errorMessage":…}`, a Python `[ERROR] Type: message`, or the line itself.
 */
function customVerdict(functionName, reason, lines) {
    const returned = /Message returned: (.*?)(?: \(RequestId: [\w-]+\))?$/s.exec(reason ?? '')?.[1]?.trim();
    if (returned && !/^See the details in CloudWatch Log/i.test(returned))
        return `Lambda function ${functionName} answered FAILED: ${returned}`;
    const last = lines.at(-1)?.message;
    if (!last)
        return undefined;
    const invoke = /Invoke Error\s*(\{.*\})/.exec(last)?.[1];
    if (invoke) {
        try {
            const parsed = JSON.parse(invoke);
            if (parsed.errorMessage)
                return `Lambda function ${functionName} threw ${parsed.errorType ?? 'an error'}: ${parsed.errorMessage}`;
        }
        catch {
            // Not JSON after all: fall back to the line.
        }
    }
    const python = /\[ERROR\]\s+(\w+):\s*(.*)$/.exec(last);
    if (python)
        return `Lambda function ${functionName} threw ${python[1]}: ${python[2]}`;
    if (/Task timed out/.test(last))
        return `Lambda function ${functionName} timed out: ${last}`;
    return `Lambda function ${functionName} logged: ${last}`;
}
/** While a custom resource is pending: which function it waits for, and its newest error line if there is one. */
async function customWaitingLine(readers, target, now) {
    const lambda = target.serviceToken ? parseLambdaArn(target.serviceToken) : undefined;
    if (!lambda)
        return 'waiting for the custom resource provider to respond.';
    const logs = await readers.logs();
    const lines = await lastErrorLines(logs, {
        group: `/aws/lambda/${lambda.name}`,
        startMs: target.since,
        endMs: now
    });
    const last = lines.at(-1);
    return `Waiting for Lambda function ${lambda.name} to respond${last ? `; its newest error line: ${last.message}` : '; no error lines in its logs so far'}.`;
}

/** Stopped tasks read per service: enough to see a pattern, one DescribeTasks call. */
const STOPPED_TASKS_READ = 20;
const STOPPED_TASKS_SHOWN = 5;
/** Service events and stopped tasks this long before the resource started still explain it. */
const LEAD_MS = 60_000;
/** …and this long after it ended (the circuit breaker's message comes with the failure or just after). */
const TRAIL_MS = 5 * 60_000;
/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` (or the old form without the cluster, or a bare name). */
function parseServiceId(physicalId) {
    const resource = physicalId.startsWith('arn:') ? physicalId.split(':').slice(5).join(':') : '';
    const parts = resource.split('/');
    if (parts[0] === 'service' && parts.length === 3)
        return { cluster: parts[1], service: parts[2] };
    if (parts[0] === 'service' && parts.length === 2)
        return { cluster: 'default', service: parts[1] };
    return { cluster: 'default', service: physicalId };
}
function serviceConsoleUrl(region, cluster, service) {
    return consoleUrl(region, `ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/events?region=${region}`);
}
/** Service events, stopped tasks with exit codes, the plain-language reason, and the failing task's log lines. */
async function ecsServiceEvidence(readers, target, region, evidence) {
    if (!target.physicalResourceId) {
        evidence.gaps.push('CloudFormation recorded no service ARN for it, so ECS cannot be asked about it.');
        return;
    }
    const { cluster, service: serviceName } = parseServiceId(target.physicalResourceId);
    evidence.links.push({
        label: `ECS service ${serviceName} events`,
        url: serviceConsoleUrl(region, cluster, serviceName)
    });
    const ecs = await readers.ecs();
    const from = target.since - LEAD_MS;
    const to = target.until + TRAIL_MS;
    const known = await attempt(evidence, ecs.describeService(cluster, serviceName).then(service => ({ service })), "the service's events and task counts");
    const service = known?.service;
    if (known && !service)
        evidence.gaps.push(`ECS no longer knows the service ${serviceName} in cluster ${cluster}.`);
    const tasks = await attempt(evidence, ecs.stoppedTasks(cluster, serviceName, STOPPED_TASKS_READ), 'its stopped tasks, exit codes and stop reasons', []);
    const deploymentIds = new Set(service?.deployments.map(deployment => deployment.id) ?? []);
    const stopped = tasks
        .filter(task => (task.stoppedAt ?? 0) >= from && (task.stoppedAt ?? 0) <= to)
        .filter(task => deploymentIds.size === 0 || !task.startedBy || deploymentIds.has(task.startedBy))
        .sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0));
    const facts = [];
    if (service) {
        facts.push({ source: 'ECS service', text: serviceCounts(service) });
        const events = service.events
            .filter(event => event.createdAt >= from && event.createdAt <= to)
            .sort((a, b) => a.createdAt - b.createdAt);
        for (const event of collapseRepeats(events).slice(-8))
            facts.push({ time: event.createdAt, source: 'ECS service event', text: event.message });
    }
    for (const task of stopped.slice(0, STOPPED_TASKS_SHOWN).reverse())
        facts.push({
            ...(task.stoppedAt ? { time: task.stoppedAt } : {}),
            source: 'stopped task',
            text: describeTask(task)
        });
    if (stopped.length > STOPPED_TASKS_SHOWN)
        facts.push({
            source: 'stopped task',
            text: `${stopped.length - STOPPED_TASKS_SHOWN} more stopped tasks in the window.`
        });
    evidence.facts.push(...facts);
    const verdict = ecsVerdict(service, stopped);
    if (verdict)
        evidence.verdict = verdict;
    await addTaskLogs(readers, evidence, stopped, region, from, to);
}
/** `0 of 2 tasks running (1 pending); deployment ecs-svc/1 FAILED: tasks failed to start.` */
function serviceCounts(service) {
    const primary = service.deployments.find(deployment => deployment.status === 'PRIMARY');
    const rollout = primary?.rolloutState
        ? `; deployment ${primary.id} ${primary.rolloutState}${primary.rolloutStateReason ? `: ${primary.rolloutStateReason.replace(/\.$/, '')}` : ''}`
        : '';
    const failed = primary?.failedTasks ? `, ${primary.failedTasks} failed tasks` : '';
    return (`Service ${service.serviceName} (${service.status}): ${service.runningCount} of ${service.desiredCount} tasks running` +
        ` (${service.pendingCount} pending${failed})${rollout}.`);
}
/** `Essential container in task exited: web exited with code 1 after 4s.` */
function describeTask(task) {
    const taskId = task.taskArn.split('/').pop() ?? task.taskArn;
    const containers = task.containers
        .filter(container => container.exitCode !== undefined || container.reason || container.healthStatus === 'UNHEALTHY')
        .map(container => {
        const exit = container.exitCode !== undefined ? ` exited with code ${container.exitCode}` : '';
        const reason = container.reason ? ` (${container.reason})` : '';
        const health = container.healthStatus === 'UNHEALTHY' ? ', health check UNHEALTHY' : '';
        return `${container.name}${exit}${reason}${health}`;
    });
    const ran = task.startedAt !== undefined && task.stoppedAt !== undefined
        ? ` after running ${index.formatDuration(task.stoppedAt - task.startedAt)}`
        : task.startedAt === undefined
            ? ' before it started'
            : '';
    return `Task ${taskId} stopped${ran}: ${task.stoppedReason ?? task.stopCode ?? 'no reason recorded'}${containers.length ? `; ${containers.join(', ')}` : ''}.`;
}
/**
 * The sentence an engineer would write after reading the service events and the stopped tasks. Load-balancer and
 * container health checks first (tasks that run but are killed), then tasks that could not start, then exit codes.
 */
function ecsVerdict(service, stopped) {
    const events = [...(service?.events ?? [])].sort((a, b) => b.createdAt - a.createdAt);
    const unhealthy = events.find(event => /is unhealthy in \(target-group/.test(event.message));
    const elbStopped = stopped.find(task => /ELB health checks?/i.test(task.stoppedReason ?? ''));
    if (unhealthy || elbStopped) {
        const targetGroup = /target-group (arn:[^)\s]+)/.exec(unhealthy?.message ?? elbStopped?.stoppedReason ?? '')?.[1] ??
            service?.targetGroupArns[0];
        const because = /due to \(reason (.*)\)\.?\s*$/.exec(unhealthy?.message ?? '')?.[1];
        const count = stopped.filter(task => /ELB health checks?/i.test(task.stoppedReason ?? '')).length;
        return (`The tasks started but failed the load balancer health check${targetGroup ? ` of target group ${targetGroupName(targetGroup)}` : ''}` +
            `${because ? `: ${because}` : ''}${count ? `; ECS stopped ${count} task${count === 1 ? '' : 's'} for it` : ''}.`);
    }
    const containerUnhealthy = stopped.find(task => /container health checks?/i.test(task.stoppedReason ?? ''));
    if (containerUnhealthy) {
        const sick = containerUnhealthy.containers.find(container => container.healthStatus === 'UNHEALTHY');
        return `The tasks failed their container health check${sick ? ` (container ${sick.name} UNHEALTHY)` : ''}: ${containerUnhealthy.stoppedReason}.`;
    }
    const couldNotStart = stopped.find(task => task.stopCode === 'TaskFailedToStart' ||
        /CannotPull|ResourceInitializationError|CannotStart|CannotCreate|OutOfMemory/i.test(`${task.stoppedReason ?? ''} ${task.containers.map(container => container.reason ?? '').join(' ')}`));
    if (couldNotStart) {
        const reason = couldNotStart.containers.find(container => container.reason)?.reason;
        return `The tasks could not start: ${couldNotStart.stoppedReason ?? couldNotStart.stopCode}${reason ? ` (${reason})` : ''}.`;
    }
    const crashed = stopped.filter(task => task.containers.some(container => container.exitCode !== undefined && container.exitCode !== 0));
    if (crashed.length > 0) {
        const newest = crashed[0];
        const container = newest.containers.find(c => c.exitCode !== undefined && c.exitCode !== 0);
        const ran = newest.startedAt !== undefined && newest.stoppedAt !== undefined
            ? ` ${index.formatDuration(newest.stoppedAt - newest.startedAt)} after it started`
            : '';
        return (`Container ${container.name} exited with code ${container.exitCode}${ran}` +
            ` (${crashed.length} stopped task${crashed.length === 1 ? '' : 's'} the same way); its log lines below say why.`);
    }
    const placement = events.find(event => /unable to place a task|was unable to/i.test(event.message));
    if (placement)
        return `ECS could not place the tasks: ${placement.message}`;
    if (service && service.runningCount < service.desiredCount)
        return `Only ${service.runningCount} of ${service.desiredCount} tasks were running and ECS recorded no stopped task in the window.`;
    return undefined;
}
function targetGroupName(arn) {
    return /targetgroup\/([^/]+)/.exec(arn)?.[1] ?? arn;
}
/** ECS repeats "has started 1 tasks" every few seconds: one line per distinct message, with a count. */
function collapseRepeats(events) {
    const shape = (message) => message.replace(/\b[0-9a-f]{32}\b|\(task [^)]*\)/g, '…');
    const out = [];
    for (const event of events) {
        const last = out.at(-1);
        if (last && shape(last.message) === shape(event.message)) {
            last.count++;
            last.createdAt = event.createdAt;
        }
        else
            out.push({ ...event, count: 1 });
    }
    return out.map(event => ({
        createdAt: event.createdAt,
        message: event.count > 1 ? `${event.message} (×${event.count})` : event.message
    }));
}
/** The newest failed task's essential container: its awslogs stream, a console link and its last error lines. */
async function addTaskLogs(readers, evidence, stopped, region, from, to) {
    const task = stopped.find(candidate => candidate.taskDefinitionArn);
    if (!task?.taskDefinitionArn)
        return;
    const ecs = await readers.ecs();
    const configs = await attempt(evidence, ecs.containerLogs(task.taskDefinitionArn), "the task definition's log settings (to find the container logs)", []);
    const failedName = task.containers.find(container => container.exitCode !== undefined && container.exitCode !== 0)?.name ??
        task.containers[0]?.name;
    const config = configs.find(candidate => candidate.containerName === failedName && candidate.group) ??
        configs.find(candidate => candidate.essential && candidate.group);
    if (!config?.group) {
        if (configs.length)
            evidence.gaps.push('The containers do not log to CloudWatch Logs (no awslogs driver).');
        return;
    }
    const taskId = task.taskArn.split('/').pop() ?? '';
    const stream = config.streamPrefix ? `${config.streamPrefix}/${config.containerName}/${taskId}` : undefined;
    const logRegion = config.region ?? region;
    evidence.links.push({
        label: `Logs of task ${taskId.slice(0, 8)}… (${config.containerName})`,
        url: logGroupUrl(logRegion, config.group, stream)
    });
    const logs = await readers.logs();
    const lines = await attempt(evidence, lastErrorLines(logs, { group: config.group, ...(stream ? { stream } : {}), startMs: from, endMs: to }), `the last error lines of ${config.group}`, []);
    evidence.logLines.push(...lines);
}
/** While a service is still creating or updating: counts, the last stopped task and the newest service event. */
async function ecsWaitingLine(readers, target) {
    if (!target.physicalResourceId)
        return 'waiting for CloudFormation to create the service.';
    const { cluster, service: serviceName } = parseServiceId(target.physicalResourceId);
    const ecs = await readers.ecs();
    const service = await ecs.describeService(cluster, serviceName);
    if (!service)
        return `ECS does not know the service ${serviceName} yet.`;
    const parts = [serviceCounts(service)];
    if (service.runningCount < service.desiredCount) {
        const stopped = (await ecs.stoppedTasks(cluster, serviceName, 5).catch(() => []))
            .filter(task => (task.stoppedAt ?? 0) >= target.since)
            .sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0));
        if (stopped[0])
            parts.push(`Last stopped: ${describeTask(stopped[0])}`);
    }
    const newest = [...service.events].sort((a, b) => b.createdAt - a.createdAt)[0];
    if (newest && newest.createdAt >= target.since)
        parts.push(`Latest service event: ${newest.message}`);
    return parts.join(' ');
}

const EVENTS_SHOWN = 12;
/** RDS events this long around the resource's window still belong to it (creation starts before CFN's event). */
const MARGIN_MS = 5 * 60_000;
/** Messages that say what went wrong, as opposed to progress ("Backing up DB instance"). */
const TROUBLE = /incompatible|could not|cannot|can't|unable|fail|error|insufficient|not enough|no available|exceed|invalid|denied|not authori[sz]ed|does not|doesn't|storage-full|restore.*failed/i;
function rdsSourceType(resourceType) {
    return resourceType === 'AWS::RDS::DBCluster' ? 'db-cluster' : 'db-instance';
}
function rdsConsoleUrl(region, id, sourceType) {
    return consoleUrl(region, `rds/home?region=${region}#database:id=${encodeURIComponent(id)};is-cluster=${sourceType === 'db-cluster'}`);
}
function rdsEventsUrl(region) {
    return consoleUrl(region, `rds/home?region=${region}#events:`);
}
/** RDS keeps an instance's events for 14 days, after the instance (and the stack) are gone. */
async function rdsEvidence(readers, target, region, evidence) {
    const id = target.physicalResourceId;
    if (!id) {
        evidence.gaps.push('CloudFormation recorded no database identifier for it, so RDS cannot be asked about it.');
        return;
    }
    const sourceType = rdsSourceType(target.resourceType);
    evidence.links.push({
        label: `RDS ${sourceType === 'db-cluster' ? 'cluster' : 'instance'} ${id}`,
        url: rdsConsoleUrl(region, id, sourceType)
    }, { label: 'RDS events', url: rdsEventsUrl(region) });
    const rds = await readers.rds();
    const events = await attempt(evidence, rds.events(sourceType, id, target.since - MARGIN_MS, target.until + MARGIN_MS), `the ${sourceType} events of ${id}`, []);
    const ordered = [...events].sort((a, b) => a.time - b.time);
    for (const event of ordered.slice(-EVENTS_SHOWN))
        evidence.facts.push({ time: event.time, source: 'RDS event', text: event.message });
    if (events.length > EVENTS_SHOWN)
        evidence.facts.unshift({
            source: 'RDS event',
            text: `${events.length - EVENTS_SHOWN} earlier RDS events not shown.`
        });
    const verdict = rdsVerdict(ordered);
    if (verdict)
        evidence.verdict = verdict;
    else if (!evidence.gaps.length && events.length === 0)
        evidence.gaps.push(`RDS recorded no events for ${id} in the window (was it ever created?).`);
}
/** The first RDS event that says what went wrong: later ones are usually the rollback deleting the instance. */
function rdsVerdict(ordered) {
    const trouble = ordered.find(event => TROUBLE.test(event.message) || event.categories.includes('failure'));
    return trouble ? `RDS reported: ${trouble.message}` : undefined;
}
/** While a database is still being created or modified: its newest RDS event. */
async function rdsWaitingLine(readers, target, now) {
    if (!target.physicalResourceId)
        return 'waiting for CloudFormation to start creating the database.';
    const rds = await readers.rds();
    const events = await rds.events(rdsSourceType(target.resourceType), target.physicalResourceId, target.since - MARGIN_MS, now);
    const newest = [...events].sort((a, b) => b.time - a.time)[0];
    if (!newest)
        return `RDS has recorded no event for ${target.physicalResourceId} yet.`;
    const trouble = rdsVerdict([...events].sort((a, b) => a.time - b.time));
    return `Latest RDS event (${new Date(newest.time).toISOString()}): ${newest.message}${trouble && !trouble.endsWith(newest.message) ? ` Earlier: ${trouble}` : ''}`;
}

/** Resources looked into per report: root causes are few; a cap keeps a mass failure from costing minutes. */
const MAX_EVIDENCE_TARGETS = 5;
function evidenceKindOf(resourceType) {
    if (resourceType === 'AWS::ECS::Service')
        return 'ecs-service';
    if (resourceType === 'AWS::RDS::DBInstance' || resourceType === 'AWS::RDS::DBCluster')
        return 'rds';
    if (resourceType.startsWith('Custom::') || resourceType === 'AWS::CloudFormation::CustomResource')
        return 'custom-resource';
    return undefined;
}
const sameResource = (a, b) => a.stackId === b.stackId && a.logicalResourceId === b.logicalResourceId;
/**
 * The resources of an operation worth a closer look: failed root causes of a kind deploy-guard can explain, and,
 * while (or because) the operation never finished, such resources still in progress.
 */
function evidenceTargets(rootCauses, events, now) {
    const targets = [];
    for (const cause of rootCauses) {
        if (!evidenceKindOf(cause.resourceType))
            continue;
        targets.push(targetFor(cause, events, cause.timestamp, cause.reason));
    }
    if (rootCauses.length === 0) {
        for (const latest of latestPerResource(events)) {
            if (evidenceKindOf(latest.resourceType) && latest.resourceStatus.endsWith('_IN_PROGRESS'))
                targets.push(targetFor(latest, events, now));
        }
    }
    return targets.slice(0, MAX_EVIDENCE_TARGETS);
}
/** A target from a resource's events: the physical id and ServiceToken it last had, and when it started. */
function targetFor(resource, events, until, reason) {
    const own = events.filter(event => sameResource(event, resource)).sort((a, b) => a.timestamp - b.timestamp);
    const started = own.filter(event => event.resourceStatus.endsWith('_IN_PROGRESS') && event.timestamp <= until);
    // The latest run of in-progress events before `until` is this operation's; earlier ones were past deploys.
    const since = started.length ? lastRunStart(own, started) : until;
    const physicalResourceId = own.filter(event => event.physicalResourceId).at(-1)?.physicalResourceId;
    const serviceToken = own.filter(event => event.serviceToken).at(-1)?.serviceToken;
    return {
        stackId: resource.stackId,
        stackName: resource.stackName,
        logicalResourceId: resource.logicalResourceId,
        resourceType: resource.resourceType,
        nestedPath: resource.nestedPath,
        ...(physicalResourceId ? { physicalResourceId } : {}),
        ...(serviceToken ? { serviceToken } : {}),
        ...(reason ? { reason } : {}),
        since,
        until
    };
}
function lastRunStart(own, started) {
    const last = started.at(-1);
    let start = last.timestamp;
    for (const event of [...own].reverse()) {
        if (event.timestamp > last.timestamp)
            continue;
        if (!event.resourceStatus.endsWith('_IN_PROGRESS'))
            break;
        start = event.timestamp;
    }
    return start;
}
function latestPerResource(events) {
    const latest = new Map();
    for (const event of [...events].sort((a, b) => a.timestamp - b.timestamp))
        latest.set(`${event.stackId}|${event.logicalResourceId}`, event);
    return [...latest.values()];
}
/** Evidence for one resource; every failure inside becomes a gap line, never an exception. */
async function collectEvidence(readers, target, region) {
    const kind = evidenceKindOf(target.resourceType) ?? 'custom-resource';
    const evidence = {
        kind,
        stackName: target.stackName,
        stackId: target.stackId,
        logicalResourceId: target.logicalResourceId,
        resourceType: target.resourceType,
        ...(target.physicalResourceId ? { physicalResourceId: target.physicalResourceId } : {}),
        nestedPath: target.nestedPath,
        facts: [],
        logLines: [],
        links: [],
        gaps: []
    };
    try {
        if (kind === 'ecs-service')
            await ecsServiceEvidence(readers, target, region, evidence);
        else if (kind === 'rds')
            await rdsEvidence(readers, target, region, evidence);
        else
            await customResourceEvidence(readers, target, evidence);
    }
    catch (error) {
        // Loading a client, or a bug in reading an odd reply: the report goes on without this evidence.
        evidence.gaps.push(describeGap(error, 'the evidence for this resource'));
    }
    return evidence;
}
/** Evidence for each target, one resource after another (each is a handful of calls). */
async function collectAll(readers, targets, region, already = []) {
    const out = [];
    for (const target of targets) {
        const collected = already.find(evidence => sameResource(evidence, target));
        out.push(collected ?? (await collectEvidence(readers, target, region)));
    }
    return out;
}
/** One line on what a slow resource is waiting for; a failed read says so instead. */
async function waitingLine(readers, target, now) {
    try {
        const kind = evidenceKindOf(target.resourceType);
        if (kind === 'ecs-service')
            return await ecsWaitingLine(readers, target);
        if (kind === 'rds')
            return await rdsWaitingLine(readers, target, now);
        return await customWaitingLine(readers, target, now);
    }
    catch (error) {
        return describeGap(error, 'what it is waiting for');
    }
}

function parseReason(reason) {
    const text = reason ?? '';
    const match = (pattern) => pattern.exec(text)?.[1]?.trim();
    const handlerMessage = match(/Resource handler returned message: "([^"]*)"/);
    const customMessage = match(/Received response status \[FAILED\] from custom resource\. Message returned: (.*)$/s);
    const statusCode = match(/Status Code: (\d{3})/);
    const handlerErrorCode = match(/HandlerErrorCode: (\w+)/);
    const errorCode = match(/Error Code: ([\w.]+)/);
    const service = match(/Service: ([\w ]+?)[,)]/);
    const requestId = match(/Request ID: ([\w-]+)/);
    return {
        summary: (handlerMessage ?? customMessage ?? text).trim(),
        ...(handlerErrorCode ? { handlerErrorCode } : {}),
        ...(errorCode ? { errorCode } : {}),
        ...(service ? { service } : {}),
        ...(statusCode ? { statusCode: Number(statusCode) } : {}),
        ...(requestId ? { requestId } : {})
    };
}
/** Reasons that only echo a failure elsewhere: the root cause is never one of these. */
const CASCADE = [
    /^The following resource\(s\) failed to/i,
    /^Embedded stack .* was not successfully (created|updated|deleted)/i
];
const CANCELLATION = /^Resource (creation|update) cancelled/i;
const HANDLER_MESSAGE = /^Resource handler returned message: "/i;
const CANCELLED = /cancel(?:l)?ed/gi;
function isCascade(reason) {
    const text = reason ?? '';
    return CASCADE.some(pattern => pattern.test(text)) || isCancellation(text);
}
/**
 * A resource that failed only because CloudFormation cancelled its operation when another resource failed:
 * "Resource creation cancelled", "Resource update cancelled", or a handler message saying it was cancelled.
 */
function isCancellation(reason) {
    const text = reason ?? '';
    return CANCELLATION.test(text) || handlerReportsCancellation(text);
}
/**
 * `Resource handler returned message: "… cancelled …"`, in linear time: the regular expression
 * `/^…".*cancel(l)?ed.*"/` backtracks quadratically over a long reason without a closing quote (ten 100 KB reasons
 * took 11 s). The first "cancelled" after the opening quote, and any quote after it, is the same match.
 */
function handlerReportsCancellation(text) {
    const opening = HANDLER_MESSAGE.exec(text);
    if (!opening)
        return false;
    CANCELLED.lastIndex = opening[0].length;
    const cancelled = CANCELLED.exec(text);
    return cancelled !== null && text.lastIndexOf('"') >= CANCELLED.lastIndex;
}
/** How much a reason says: codes and a service beat "failed to stabilize". Used to order simultaneous failures. */
function specificity(reason) {
    const parsed = parseReason(reason);
    let score = 0;
    if (parsed.handlerErrorCode)
        score += 2;
    if (parsed.errorCode)
        score += 2;
    if (parsed.statusCode)
        score += 1;
    if (parsed.requestId)
        score += 1;
    if (/did not stabilize|failed to stabilize|Internal Failure|exceeded|timed out/i.test(reason ?? ''))
        score -= 1;
    return score;
}
/**
 * Sentences CloudFormation adds to a stack's own rows that say only that something failed elsewhere or who asked:
 * on their own they are never a root cause. Matched as plain text (no regular expression runs over AWS text here).
 */
const GENERIC_SENTENCES = [
    'Rollback requested by user.',
    'User Initiated',
    'Resource creation Initiated',
    'Resource update Initiated'
];
const FAILED_LIST = 'The following resource(s) failed to ';
const EMBEDDED = 'Embedded stack ';
const NOT_SUCCESSFULLY = ' was not successfully ';
/**
 * What a stack's own row says beyond the generic summaries: "No export named X found. Rollback requested by user."
 * → "No export named X found."; an "Embedded stack … was not successfully created: " prefix is dropped and its
 * remainder judged the same way. Empty when nothing specific is left, or only a cascade.
 */
function specificStackReason(reason) {
    let text = (reason ?? '').trim();
    if (text.startsWith(EMBEDDED)) {
        const verb = text.indexOf(NOT_SUCCESSFULLY);
        const colon = verb < 0 ? -1 : text.indexOf(': ', verb);
        text = colon < 0 ? '' : text.slice(colon + 2);
    }
    for (;;) {
        const start = text.indexOf(FAILED_LIST);
        if (start < 0)
            break;
        const close = text.indexOf(']', start);
        const end = close < 0 ? text.length : text[close + 1] === '.' ? close + 2 : close + 1;
        text = `${text.slice(0, start)} ${text.slice(end)}`;
    }
    for (const sentence of GENERIC_SENTENCES)
        text = text.split(sentence).join(' ');
    text = text.split(/\s+/).join(' ').trim();
    return text === '' || text === '.' || isCascade(text) ? '' : text;
}
/**
 * The first "The following resource(s) failed to create: [A, B]" of a stack's reason → `create`, [A, B]; undefined
 * when there is none. Plain text search (no regular expression over AWS text).
 */
function failedList(reason) {
    const text = reason ?? '';
    const start = text.indexOf(FAILED_LIST);
    if (start < 0)
        return undefined;
    const colon = text.indexOf(': [', start);
    const close = colon < 0 ? -1 : text.indexOf(']', colon);
    if (close < 0)
        return undefined;
    const verb = text.slice(start + FAILED_LIST.length, colon);
    if (!['create', 'update', 'delete'].includes(verb))
        return undefined;
    const logicalIds = text
        .slice(colon + 3, close)
        .split(',')
        .map(id => id.trim())
        .filter(Boolean);
    return logicalIds.length ? { verb, logicalIds } : undefined;
}

/** `Nested/Child/LogicalId`: where a resource sits, from the root stack down. */
function resourcePath(resource, separator = '/') {
    return [...resource.nestedPath, resource.logicalResourceId].join(separator);
}
/**
 * `Nested/LogicalId (AWS::Type)`: a resource for a person; the type is left out when the input had none (copied
 * console logs often lack it) rather than printed as empty parentheses.
 */
function describeResource(resource) {
    return resource.resourceType
        ? `${resourcePath(resource)} (${resource.resourceType})`
        : resourcePath(resource);
}
/** One log line per event: time (UTC, seconds), nested path, logical id, type, status, reason — all neutralised. */
function formatEventLine(event) {
    const time = new Date(event.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const where = resourcePath(event);
    const reason = event.resourceStatusReason ? ` ${event.resourceStatusReason}` : '';
    return index.neutraliseForLog(`${time} ${where} ${event.resourceType} ${event.resourceStatus}${reason}`);
}

const key = (event) => `${event.stackId}|${event.logicalResourceId}`;
const where = (event) => describeResource(event);
/**
 * Watches the streamed events of the resources deploy-guard can explain (ECS services, databases, custom
 * resources). A slow one explains what it waits for every few minutes, so a stuck deploy explains itself before it
 * times out; a failed one has its evidence collected at once, while its service, tasks and logs still exist.
 */
class ResourceMonitor {
    options;
    events = [];
    inProgress = new Map();
    explainedAt = new Map();
    captures = new Map();
    constructor(options) {
        this.options = options;
    }
    /** How often a still-slow resource is explained again: every threshold, between one and five minutes. */
    get repeatMs() {
        return Math.min(5 * 60_000, Math.max(60_000, this.options.slowAfterMs ?? 0));
    }
    observe(event) {
        if (!evidenceKindOf(event.resourceType))
            return;
        this.events.push(event);
        const id = key(event);
        if (event.resourceStatus.endsWith('_IN_PROGRESS')) {
            if (!this.inProgress.has(id))
                this.inProgress.set(id, event);
            return;
        }
        this.inProgress.delete(id);
        this.explainedAt.delete(id);
        if (!event.resourceStatus.endsWith('_FAILED') ||
            isCascade(event.resourceStatusReason) ||
            this.captures.has(id))
            return;
        const target = targetFor(event, this.events, event.timestamp, event.resourceStatusReason);
        this.captures.set(id, collectEvidence(this.options.readers, target, this.options.region).then(evidence => {
            if (evidence.verdict)
                this.options.warn(`${where(event)}: ${evidence.verdict}`);
            return evidence;
        }));
    }
    /** Explains each resource past the threshold that was not explained within `repeatMs`. */
    async explainSlow() {
        const { slowAfterMs, clock } = this.options;
        if (slowAfterMs === undefined)
            return;
        const now = clock.now();
        for (const [id, first] of this.inProgress) {
            const last = this.explainedAt.get(id);
            if (now - first.timestamp < slowAfterMs)
                continue;
            if (last !== undefined && clock.monotonic() - last < this.repeatMs)
                continue;
            this.explainedAt.set(id, clock.monotonic());
            const target = targetFor(first, this.events, now);
            const line = await waitingLine(this.options.readers, target, now);
            this.options.info(`⏳ ${where(first)} ${first.resourceStatus} for ${index.formatDuration(now - target.since)}: ${line}`);
        }
    }
    /** Checks for slow resources until `signal` aborts. */
    async run(signal) {
        if (this.options.slowAfterMs === undefined)
            return;
        const every = Math.min(15_000, Math.max(1_000, this.options.slowAfterMs / 2));
        while (!signal.aborted) {
            await this.options.clock.sleep(every, signal);
            if (!signal.aborted)
                await this.explainSlow();
        }
    }
    /** The evidence captured for failed resources (each settles: a capture never throws). */
    collected() {
        return Promise.all(this.captures.values());
    }
}

/**
 * A deploy command still running `graceMs` after every guarded stack reached a final state holds the lock for
 * nothing CloudFormation does: report it, and with `stop` (stop-after-stack-settles) stop it. Resolves true when it
 * was stopped.
 */
async function superviseSettledCommand(options) {
    const { clock, log, graceMs } = options;
    await clock.sleep(graceMs, options.commandDone);
    if (options.commandDone.aborted)
        return false;
    const what = `The deploy command is still running ${index.formatDuration(graceMs)} after every guarded stack ` +
        `(${options.stacks.join(', ')}) reached a final state, and it still holds the lock.`;
    if (!options.stop) {
        log.warn(`${what} Set stop-after-stack-settles: true (CLI: --stop-after-stack-settles) to stop it then, or raise command-grace.`);
        return false;
    }
    log.warn(`${what} Stopping it (stop-after-stack-settles): SIGINT to its process group, as a cancellation does.`);
    options.stopCommand();
    return true;
}

/**
 * A token bucket shared by every caller: at most `ratePerSecond` requests per second on average, bursts of `burst`.
 * One pacer per API budget (all stacks of one watch; CloudTrail's 2 requests/s), so N stacks do not mean N× the calls.
 */
function createPacer(clock, ratePerSecond, burst = Math.max(1, Math.floor(ratePerSecond))) {
    let available = burst;
    let last = clock.monotonic();
    return async () => {
        const now = clock.monotonic();
        available = Math.min(burst, available + ((now - last) * ratePerSecond) / 1000);
        last = now;
        available -= 1;
        // Each caller that overdraws waits for its own share, so concurrent callers queue rather than stampede.
        if (available < 0)
            await clock.sleep((-available * 1000) / ratePerSecond);
    };
}

/** The one place SDK stack shapes become domain types. */
function toStackSummary(stack) {
    return {
        stackName: stack.StackName ?? '',
        stackId: stack.StackId ?? '',
        status: stack.StackStatus ?? 'UNKNOWN',
        ...(stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
        terminationProtection: stack.EnableTerminationProtection === true,
        ...(stack.ParentId ? { parentId: stack.ParentId } : {}),
        ...(stack.RootId ? { rootId: stack.RootId } : {}),
        ...(stack.CreationTime ? { creationTime: stack.CreationTime.getTime() } : {}),
        ...(stack.LastUpdatedTime ? { lastUpdatedTime: stack.LastUpdatedTime.getTime() } : {}),
        ...(stack.LastOperations?.length
            ? {
                lastOperations: stack.LastOperations.map(operation => ({
                    operationType: operation.OperationType ?? 'UNKNOWN',
                    operationId: operation.OperationId ?? ''
                }))
            }
            : {})
    };
}
function toStackEvent(event, nestedPath) {
    return {
        eventId: event.EventId ?? '',
        stackId: event.StackId ?? '',
        stackName: event.StackName ?? '',
        logicalResourceId: event.LogicalResourceId ?? '',
        ...(event.PhysicalResourceId ? { physicalResourceId: event.PhysicalResourceId } : {}),
        resourceType: event.ResourceType ?? '',
        timestamp: event.Timestamp?.getTime() ?? 0,
        resourceStatus: event.ResourceStatus ?? '',
        ...(event.ResourceStatusReason ? { resourceStatusReason: event.ResourceStatusReason } : {}),
        ...(event.ClientRequestToken ? { clientRequestToken: event.ClientRequestToken } : {}),
        ...(event.OperationId ? { operationId: event.OperationId } : {}),
        ...(event.HookType ? { hookType: event.HookType } : {}),
        ...(event.HookStatus ? { hookStatus: event.HookStatus } : {}),
        ...(event.HookStatusReason ? { hookStatusReason: event.HookStatusReason } : {}),
        ...(event.HookFailureMode ? { hookFailureMode: event.HookFailureMode } : {}),
        ...serviceTokenOf(event.ResourceType, event.ResourceProperties),
        nestedPath
    };
}
function fromOperationEvent(event, stackName, nestedPath) {
    return {
        eventId: event.EventId ?? '',
        stackId: event.StackId ?? '',
        stackName,
        logicalResourceId: event.LogicalResourceId ?? '',
        ...(event.PhysicalResourceId ? { physicalResourceId: event.PhysicalResourceId } : {}),
        resourceType: event.ResourceType ?? '',
        timestamp: event.Timestamp?.getTime() ?? 0,
        resourceStatus: event.ResourceStatus ?? event.ValidationStatus ?? event.HookStatus ?? '',
        ...(event.ResourceStatusReason ? { resourceStatusReason: event.ResourceStatusReason } : {}),
        ...(event.OperationId ? { operationId: event.OperationId } : {}),
        ...(event.EventType ? { eventType: event.EventType } : {}),
        ...(event.HookType ? { hookType: event.HookType } : {}),
        ...(event.HookStatus ? { hookStatus: event.HookStatus } : {}),
        ...(event.HookStatusReason ? { hookStatusReason: event.HookStatusReason } : {}),
        ...(event.HookFailureMode ? { hookFailureMode: event.HookFailureMode } : {}),
        ...(event.ValidationPath ? { validationPath: event.ValidationPath } : {}),
        ...(event.ValidationStatusReason ? { validationStatusReason: event.ValidationStatusReason } : {}),
        ...serviceTokenOf(event.ResourceType, event.ResourceProperties),
        nestedPath
    };
}
/**
 * Only a custom resource's ServiceToken is read from ResourceProperties (a JSON string that can hold passwords);
 * the text itself never leaves this function.
 */
function serviceTokenOf(type, properties) {
    if (!properties ||
        !type ||
        !(type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource'))
        return {};
    try {
        const token = JSON.parse(properties).ServiceToken;
        return typeof token === 'string' && token.startsWith('arn:') ? { serviceToken: token } : {};
    }
    catch {
        return {};
    }
}
/**
 * The stack's own status event (not one of its resources'): `AWS::CloudFormation::Stack` whose PhysicalResourceId
 * is the StackId — or, in a log copied without PhysicalResourceId, whose LogicalResourceId is the stack's name
 * (issue 9 §1; a nested stack resource row always names its child's ARN, never its parent's).
 */
function isStackLevelEvent(event) {
    if (event.resourceType !== 'AWS::CloudFormation::Stack')
        return false;
    if (event.physicalResourceId)
        return event.physicalResourceId === event.stackId;
    return event.stackName !== '' && event.logicalResourceId === event.stackName;
}
/** The first event of an operation: CloudFormation opens every create, update, delete or import with it. */
function isOperationStart(event) {
    return (isStackLevelEvent(event) &&
        [
            'CREATE_IN_PROGRESS',
            'UPDATE_IN_PROGRESS',
            'DELETE_IN_PROGRESS',
            'IMPORT_IN_PROGRESS',
            'REVIEW_IN_PROGRESS'
        ].includes(event.resourceStatus));
}

/**
 * The CloudFormation calls the watcher and protection make, each converted to domain types. Every call passes
 * through `pace` first: one request budget shared by everything a watch does.
 */
class StackApi {
    cfn;
    pace;
    calls = {};
    describeEventsAvailable = true;
    constructor(cfn, pace = async () => undefined) {
        this.cfn = cfn;
        this.pace = pace;
    }
    /** The stack by name or ARN; undefined when it does not exist (by name: not created yet, or deleted). */
    async describeStack(nameOrId) {
        try {
            const reply = await this.send('DescribeStacks', () => this.cfn.send(new DescribeStacksCommand({ StackName: nameOrId })));
            const stack = reply.Stacks?.[0];
            return stack ? toStackSummary(stack) : undefined;
        }
        catch (error) {
            if (isStackMissing(error))
                return undefined;
            throw error;
        }
    }
    /** One page of events, newest first. */
    async eventsPage(stackId, nestedPath, nextToken) {
        const reply = await this.send('DescribeStackEvents', () => this.cfn.send(new DescribeStackEventsCommand({ StackName: stackId, ...(nextToken ? { NextToken: nextToken } : {}) })));
        return {
            events: (reply.StackEvents ?? []).map(event => toStackEvent(event, nestedPath)),
            ...(reply.NextToken ? { nextToken: reply.NextToken } : {})
        };
    }
    /**
     * One page of one operation's events from DescribeEvents, newest first; undefined when this endpoint does not offer
     * DescribeEvents or the role may not call it — remembered, so the caller falls back to DescribeStackEvents once.
     */
    async operationEventsPage(stackId, stackName, operationId, nextToken) {
        if (!this.describeEventsAvailable)
            return undefined;
        try {
            const reply = await this.send('DescribeEvents', () => this.cfn.send(new DescribeEventsCommand({
                StackName: stackId,
                OperationId: operationId,
                ...(nextToken ? { NextToken: nextToken } : {})
            })));
            return {
                events: (reply.OperationEvents ?? []).map(event => fromOperationEvent(event, stackName, [])),
                ...(reply.NextToken ? { nextToken: reply.NextToken } : {})
            };
        }
        catch (error) {
            if (!(error instanceof index.SetupError) && !isUnsupported(error))
                throw error;
            this.describeEventsAvailable = false;
            return undefined;
        }
    }
    async setTerminationProtection(stackId, enabled) {
        await this.send('UpdateTerminationProtection', () => this.cfn.send(new UpdateTerminationProtectionCommand({ StackName: stackId, EnableTerminationProtection: enabled })));
    }
    async deleteStack(stackId) {
        await this.send('DeleteStack', () => this.cfn.send(new DeleteStackCommand({ StackName: stackId })));
    }
    /** The ARN of the most recently deleted stack of this name (ListStacks keeps deleted stacks for 90 days). */
    async findDeletedStackId(stackName, sinceMs = 0) {
        let token;
        let newest;
        do {
            const reply = await this.send('ListStacks', () => this.cfn.send(new ListStacksCommand({
                StackStatusFilter: ['DELETE_COMPLETE'],
                ...(token ? { NextToken: token } : {})
            })));
            for (const summary of reply.StackSummaries ?? []) {
                const deletedAt = summary.DeletionTime?.getTime() ?? 0;
                if (summary.StackName === stackName &&
                    summary.StackId &&
                    deletedAt >= sinceMs &&
                    (!newest || deletedAt > newest.deletedAt)) {
                    newest = { id: summary.StackId, deletedAt };
                }
            }
            token = reply.NextToken;
        } while (token);
        return newest?.id;
    }
    /** Failed events from DescribeEvents (early validation, hooks), including a change set that never executed. */
    async failedOperationEvents(stackId, stackName) {
        const reply = await this.send('DescribeEvents', () => this.cfn.send(new DescribeEventsCommand({ StackName: stackId, Filters: { FailedEvents: true } })));
        return (reply.OperationEvents ?? []).map(event => fromOperationEvent(event, stackName, []));
    }
    async send(action, call) {
        await this.pace();
        this.calls[action] = (this.calls[action] ?? 0) + 1;
        try {
            return await call();
        }
        catch (error) {
            if (!index.isAccessDenied(error))
                throw error;
            throw new index.SetupError(`cloudformation:${action} was denied: ${index.awsErrorMessage(error)} Grant it to the deploying role ` +
                '(see iam/deploy-guard-policy.json in deploy-guard), or turn off the feature that needs it.', { cause: error });
        }
    }
}
const UNSUPPORTED = new Set([
    'UnknownOperationException',
    'UnknownOperation',
    'InvalidAction',
    'NotImplemented'
]);
/** An endpoint (an older region, a local emulator) that does not offer the action at all. */
function isUnsupported(error) {
    return (UNSUPPORTED.has(index.awsErrorName(error)) ||
        /not (supported|implemented)|unknown (operation|action)/i.test(index.awsErrorMessage(error)));
}
function isStackMissing(error) {
    return index.awsErrorName(error) === 'ValidationError' && /does not exist/.test(index.awsErrorMessage(error));
}

/**
 * The new events of one stack, oldest first. DescribeStackEvents is newest first, so a poll pages back only until the
 * last event it has already seen: one call when nothing happened, O(new events) otherwise.
 */
class EventStream {
    api;
    stackId;
    nestedPath;
    start;
    lastSeenId;
    /** Nothing older than this can be new: bounds a read even if the last seen id came from DescribeEvents. */
    lastSeenAt = -Infinity;
    emitted = new Set();
    first = true;
    constructor(api, stackId, nestedPath, start = {}) {
        this.api = api;
        this.stackId = stackId;
        this.nestedPath = nestedPath;
        this.start = start;
        this.lastSeenId = start.afterEventId;
    }
    async poll() {
        const viaOperations = this.first ? await this.readOperations() : undefined;
        const fresh = viaOperations?.length ? viaOperations : await this.readStackEvents();
        this.first = false;
        const unseen = fresh.filter(event => !this.emitted.has(event.eventId));
        for (const event of unseen)
            this.emitted.add(event.eventId);
        if (fresh.length > 0) {
            this.lastSeenId = fresh[0].eventId;
            this.lastSeenAt = Math.max(this.lastSeenAt, fresh[0].timestamp);
        }
        return unseen.reverse();
    }
    /** Newest first, back to the last seen event (or the start on the first read). */
    async readStackEvents() {
        const fresh = [];
        const maxPages = this.first ? (this.start.maxPages ?? 50) : Infinity;
        const fromStart = this.lastSeenId === undefined;
        let token;
        let pages = 0;
        reading: do {
            const page = await this.api.eventsPage(this.stackId, this.nestedPath, token);
            pages++;
            for (const event of page.events) {
                if (event.eventId === this.lastSeenId || event.timestamp < this.lastSeenAt)
                    break reading;
                if (fromStart && this.start.sinceMs !== undefined && event.timestamp < this.start.sinceMs)
                    break reading;
                fresh.push(event);
                if (this.first && fromStart && this.start.currentOperation && isOperationStart(event))
                    break reading;
            }
            token = page.nextToken;
        } while (token && pages < maxPages);
        return fresh;
    }
    /** The current deployment's events from DescribeEvents, newest first; undefined to fall back. */
    async readOperations() {
        const operation = this.start.operation;
        if (!operation || operation.ids.length === 0 || this.lastSeenId !== undefined)
            return undefined;
        const fresh = [];
        for (const id of operation.ids) {
            let token;
            let pages = 0;
            do {
                const page = await this.api.operationEventsPage(this.stackId, operation.stackName, id, token);
                if (!page)
                    return undefined;
                fresh.push(...page.events.map(event => ({ ...event, nestedPath: this.nestedPath })));
                token = page.nextToken;
            } while (token && ++pages < (this.start.maxPages ?? 50));
        }
        return fresh.sort((a, b) => b.timestamp - a.timestamp);
    }
    /** The newest event now, to start a stream after everything that already happened. */
    static async newestEvent(api, stackId) {
        const page = await api.eventsPage(stackId, []);
        return page.events[0];
    }
}
/**
 * The operations of the deployment the stack is in now, from DescribeStacks `LastOperations` (newest first): the
 * rollbacks on top, down to the create, update or delete they undo. Empty when the API did not say.
 */
function currentOperationIds(stack) {
    const ids = [];
    for (const operation of stack.lastOperations ?? []) {
        if (!operation.operationId)
            break;
        ids.push(operation.operationId);
        if (!/ROLLBACK/.test(operation.operationType))
            break;
    }
    return ids;
}

/**
 * The domain view of a CloudFormation stack and its events. SDK shapes (optional everything, Date objects,
 * string unions that grow) are converted into these once, at the boundary, in one module per API.
 */
const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';
/** Terminal: the operation has ended one way or the other (DESIGN.md §4). */
function isTerminalStatus(status) {
    return status.endsWith('_COMPLETE') || status.endsWith('_FAILED');
}
/** Ended in failure: the deploy did not do what was asked, even if the rollback itself completed. */
function isFailedStatus(status) {
    return status.endsWith('_FAILED') || status.includes('ROLLBACK') || status === 'DELETE_COMPLETE';
}

const OPENS = new Map([
    ['REVIEW_IN_PROGRESS', 'CREATE_STACK'],
    ['CREATE_IN_PROGRESS', 'CREATE_STACK'],
    ['UPDATE_IN_PROGRESS', 'UPDATE_STACK'],
    ['DELETE_IN_PROGRESS', 'DELETE_STACK'],
    ['IMPORT_IN_PROGRESS', 'IMPORT_STACK']
]);
const USER_INITIATED = 'User Initiated';
/** The stack's own row, as opposed to one of its resources' (one rule for the whole project: isStackLevelEvent). */
const isStackRow = isStackLevelEvent;
/**
 * Cuts a history (oldest first; nested stacks' events carry a non-empty `nestedPath` and are ignored here) into
 * operations at the root stack's operation starts: create (from REVIEW_IN_PROGRESS or CREATE_IN_PROGRESS), update,
 * delete, import. A rollback belongs to the operation it undoes; a rollback resumed after `UPDATE_ROLLBACK_FAILED`
 * (continue-update-rollback) is an operation of its own. A deletion right after a create that did not complete is
 * the clean-up of that create and stays part of it, as `diagnose` reads it (the stack "failed and vanished").
 * Copied logs often lack the start row: any row after the stack reached a final status (`*_COMPLETE`, `*_FAILED`)
 * opens an operation too, because a finished operation receives no more events — except the rollback CloudFormation
 * runs after a `*_FAILED` whose rollback was disabled. Events before the first start (a history cut off at 90 days
 * or by paging) form an operation of their own.
 * @returns oldest first, numbered from the newest (1).
 */
function splitOperations(events) {
    const root = events.filter(event => event.nestedPath.length === 0);
    const groups = [];
    let current;
    // Kept as the rows come, so a history of n rows is cut in O(n), not O(n²) (a 90-day dump can hold 10⁵ rows).
    let last = lastStackRowOf();
    let before = '';
    for (const event of root) {
        if (!current || opensOperation(current, last.row(), event, before)) {
            before = current ? (last.row()?.resourceStatus ?? 'UNKNOWN') : '';
            current = [event];
            groups.push(current);
            last = lastStackRowOf();
        }
        else
            current.push(event);
        if (isStackRow(event))
            last.add(event);
    }
    let previousStatus = '';
    return groups.map((group, index) => {
        const stackRows = group.filter(isStackRow);
        const type = operationType(group, previousStatus);
        const finalStatus = finalStatusOf(group);
        previousStatus = finalStatus;
        const opener = stackRows[0] ?? group[0];
        return {
            number: groups.length - index,
            id: opener.operationId ?? opener.eventId,
            type,
            startedAt: group[0].timestamp,
            windowStart: index > 0 ? groups[index - 1].at(-1).timestamp : -Infinity,
            windowEnd: index + 1 < groups.length ? groups[index + 1][0].timestamp : Infinity,
            endedAt: group.at(-1).timestamp,
            finalStatus,
            failed: operationFailed(type, group),
            rootEvents: group
        };
    });
}
/** A status an operation ends in: nothing of that operation follows it (`*_IN_PROGRESS` are all on the way). */
function isFinalStatus(status) {
    return status.endsWith('_COMPLETE') || status.endsWith('_FAILED');
}
/** The group's last stack status, `UNKNOWN` when it holds no stack row; '' for no group. */
function finalStatusOf(group) {
    if (group.length === 0)
        return '';
    return lastStackRow(group)?.resourceStatus ?? 'UNKNOWN';
}
/**
 * The group's last stack row. Rows of the same time cannot be ordered by it, and copied logs (a tool printing in
 * arrival order, a hand-made copy) sometimes swap a clean-up row and the status it ends in: among the stack rows of
 * the last timestamp, the one in a final status is the last.
 */
function lastStackRow(group) {
    const rows = group.filter(isStackRow);
    const last = rows.at(-1);
    if (!last)
        return undefined;
    return rows.findLast(row => row.timestamp === last.timestamp && isFinalStatus(row.resourceStatus)) ?? last;
}
/**
 * lastStackRow of a group whose stack rows are added one by one, oldest first: the last row, or the last one in a
 * final status among the rows of the last row's time.
 */
function lastStackRowOf() {
    let last;
    let finalOfLastTime;
    return {
        add(row) {
            if (last && row.timestamp !== last.timestamp)
                finalOfLastTime = undefined;
            last = row;
            if (isFinalStatus(row.resourceStatus))
                finalOfLastTime = row;
        },
        row: () => finalOfLastTime ?? last
    };
}
/**
 * `previous`: lastStackRow(current); `before`: the final status of the operation before `current` ('' when
 * `current` is the first).
 */
function opensOperation(current, previous, event, before) {
    // Resource rows before any stack row (a log whose first second is out of order) belong to the opener.
    if (!previous)
        return false;
    const previousStatus = previous.resourceStatus;
    const ended = isFinalStatus(previousStatus);
    const status = event.resourceStatus;
    const opens = isStackRow(event) ? OPENS.get(status) : undefined;
    if (opens) {
        if (opens === 'CREATE_STACK' && previousStatus === 'REVIEW_IN_PROGRESS')
            return false;
        if (opens === 'DELETE_STACK' && isUnfinishedCreate(current, before))
            return false;
        return ended || event.resourceStatusReason === USER_INITIATED;
    }
    // A rollback after the operation failed without rolling back (--disable-rollback, then rollback-stack) is
    // still that operation's.
    if (isStackRow(event) && status.endsWith('ROLLBACK_IN_PROGRESS'))
        return ended && !/^(CREATE|UPDATE|IMPORT)_FAILED$/.test(previousStatus);
    // Anything else after a final status — a resource row, a clean-up, a status row repeated with a reason (an
    // operation CloudFormation refused) — belongs to a later operation whose start row the input lacks; unless it has
    // the final status's own time, which cannot tell which came first.
    return ended && event.timestamp !== previous.timestamp;
}
/** A create that never reached CREATE_COMPLETE: a deletion after it is its clean-up. */
function isUnfinishedCreate(group, before) {
    return (operationType(group, before) === 'CREATE_STACK' &&
        !group.some(row => isStackRow(row) && row.resourceStatus === 'CREATE_COMPLETE'));
}
/**
 * What the group of rows did. Its first stack row names it; a log cut off before the start row names it by the
 * phase it shows: a create's rollback (`ROLLBACK_*`), an update's (`UPDATE_ROLLBACK_*`), or, before any stack row,
 * the resources' own verbs (a resource created in a stack an earlier operation left is an update's).
 * `UPDATE_ROLLBACK_IN_PROGRESS` opens an operation of its own (continue-update-rollback) only after
 * `UPDATE_ROLLBACK_FAILED`: after any other status it is the rollback of an update whose start row is missing (a
 * cancelled update among them).
 */
function operationType(group, previousStatus) {
    const firstRow = group.find(isStackRow);
    const first = firstRow?.resourceStatus ?? '';
    const opened = OPENS.get(first);
    // A deletion that follows resource rows without a start row is the clean-up of what those rows began.
    if (opened && (opened !== 'DELETE_STACK' || firstRow === group[0]))
        return opened;
    if (first === 'UPDATE_ROLLBACK_IN_PROGRESS' && firstRow === group[0])
        return previousStatus === 'UPDATE_ROLLBACK_FAILED' ? 'CONTINUE_ROLLBACK' : 'UPDATE_STACK';
    if (/^(CREATE|ROLLBACK)_/.test(first))
        return 'CREATE_STACK';
    if (first.startsWith('UPDATE_'))
        return 'UPDATE_STACK';
    if (first.startsWith('IMPORT_'))
        return 'IMPORT_STACK';
    const verbs = group.filter(event => !isStackRow(event)).map(event => event.resourceStatus);
    // Once the stack exists (an earlier operation left it), resources are created and updated only by updates.
    const exists = previousStatus !== '' && previousStatus !== 'DELETE_COMPLETE';
    if (verbs.some(verb => verb.startsWith('UPDATE_')))
        return 'UPDATE_STACK';
    if (verbs.some(verb => verb.startsWith('CREATE_')))
        return exists ? 'UPDATE_STACK' : 'CREATE_STACK';
    if (first.startsWith('DELETE_') || verbs.some(verb => verb.startsWith('DELETE_')))
        return 'DELETE_STACK';
    return 'UNKNOWN';
}
/**
 * Whether the operation failed: a stack status that failed or rolled back, a resource that failed (a create or an
 * update whose clean-up could not delete an old resource leaves it behind), or a final status repeated with a
 * reason of its own (CloudFormation refused the operation: "Export … cannot be deleted as it is in use by …"). A
 * resumed rollback failed only when it failed again.
 */
function operationFailed(type, group) {
    const stackRows = group.filter(isStackRow);
    const statuses = stackRows.map(row => row.resourceStatus);
    if (type === 'CONTINUE_ROLLBACK')
        return statuses.some(status => status.endsWith('_FAILED'));
    return (statuses.some(status => status.endsWith('_FAILED') || status.includes('ROLLBACK')) ||
        group.some(event => !isStackRow(event) && event.resourceStatus.endsWith('_FAILED')) ||
        stackRows.some(isRefusal));
}
/**
 * A stack row in a final `*_COMPLETE` status that carries a reason of its own: CloudFormation refused an operation
 * and left the stack as it was (a DeleteStack while another stack imports one of its exports: `UPDATE_COMPLETE`
 * "Export … cannot be deleted as it is in use by …").
 */
function isRefusal(event) {
    return (isStackRow(event) &&
        event.resourceStatus.endsWith('_COMPLETE') &&
        specificStackReason(event.resourceStatusReason) !== '');
}
/**
 * The operation to explain: by default the newest one that failed, else the newest; `latest`; `N` counting back
 * from the newest (1 = newest); or an operation id as `--list-operations` prints it.
 * @throws InputError when the selector names no operation of the input, listing what is valid.
 */
function pickOperation(operations, selector) {
    if (operations.length === 0)
        throw new index.InputError('The events hold no operation. Give the output of: aws cloudformation describe-stack-events --stack-name NAME --output json');
    const newest = operations.at(-1);
    return [...operations].reverse().find(operation => operation.failed) ?? newest;
}
/**
 * When the operation stopped going forward: the root stack's first rollback row, or a deletion after the operation
 * began (the clean-up of a failed create) — unless that row is the operation's first (a resumed rollback, a
 * deletion). A log cut off before the start row still turns back at its rollback row when resource rows come
 * before it. Failures after it (a rollback that failed, a resource that could not be deleted) are what blocks the stack, not
 * why the operation failed. Infinity when it never turned back.
 */
function forwardPhaseEnd(ordered) {
    const root = ordered.filter(event => event.nestedPath.length === 0);
    const turn = root.find((event, index) => index > 0 &&
        isStackRow(event) &&
        (event.resourceStatus.endsWith('ROLLBACK_IN_PROGRESS') || event.resourceStatus === 'DELETE_IN_PROGRESS'));
    return turn?.timestamp ?? Infinity;
}
/** The events of one operation: the root stack's, and the nested stacks' that fall within its window. */
function eventsOfOperation(events, operation) {
    const own = new Set(operation.rootEvents);
    return events.filter(event => own.has(event) ||
        (event.nestedPath.length > 0 &&
            event.timestamp > operation.windowStart &&
            event.timestamp < operation.windowEnd));
}

const STUCK = new Set(['UPDATE_ROLLBACK_FAILED', 'ROLLBACK_FAILED', 'DELETE_FAILED']);
function isStuckStatus(status) {
    return STUCK.has(status);
}
/**
 * What blocks a stack in UPDATE_ROLLBACK_FAILED, ROLLBACK_FAILED or DELETE_FAILED, from the events of the
 * operation that left it there (root and nested, any order; `[]` when none are at hand), and the way out:
 * `continue-update-rollback [--resources-to-skip …]` (ContinueUpdateRollback API reference: only resources in
 * UPDATE_FAILED can be skipped, nested ones as `NestedStackName.ResourceLogicalID`, always on the root stack) or
 * `delete-stack [--retain-resources …]` (DeleteStack: RetainResources only for a stack in DELETE_FAILED, logical
 * ids of the stack's own resources). Undefined for any other status.
 */
function stuckStack(stackName, status, events) {
    if (!isStuckStatus(status))
        return undefined;
    const resources = blockingResources(events, status);
    return { status, resources, ...wayOut(stackName, status, resources) };
}
/**
 * The resources whose last event after the operation turned back (rollback or clean-up deletion; the whole input
 * for an operation that was a deletion or a resumed rollback) is UPDATE_FAILED (UPDATE_ROLLBACK_FAILED) or
 * DELETE_FAILED. For a rollback, a nested stack whose own events name the failed resources inside it gives way to
 * them (they are what is skipped), and a resource whose rollback was only cancelled ("Resource update cancelled",
 * because another one failed) is left out: ContinueUpdateRollback retries it, and its API reference allows skipping
 * only resources in UPDATE_FAILED "because a rollback failed", not "because an update was canceled".
 */
function blockingResources(events, status) {
    const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
    const cutoff = forwardPhaseEnd(ordered);
    const after = cutoff === Infinity ? ordered : ordered.filter(event => event.timestamp > cutoff);
    const wanted = status === 'UPDATE_ROLLBACK_FAILED' ? 'UPDATE_FAILED' : 'DELETE_FAILED';
    const last = new Map();
    for (const event of after) {
        if (isStackRow(event))
            continue;
        last.set(`${event.stackId}\u0000${event.logicalResourceId}`, event);
    }
    const failed = [...last.values()].filter(event => event.resourceStatus === wanted &&
        !(wanted === 'UPDATE_FAILED' && isCancellation(event.resourceStatusReason)));
    const failedInside = (nested) => failed.some(event => event.stackId === nested.physicalResourceId && event !== nested);
    return (failed
        // Skipping takes the resource inside the nested stack; retaining takes the root's nested stack resource.
        .filter(event => wanted !== 'UPDATE_FAILED' || !(event.resourceType === NESTED_STACK_TYPE && failedInside(event)))
        .map(event => ({
        logicalResourceId: event.logicalResourceId,
        nestedPath: event.nestedPath,
        resourceType: event.resourceType,
        ...(event.physicalResourceId ? { physicalResourceId: event.physicalResourceId } : {}),
        status: event.resourceStatus,
        reason: event.resourceStatusReason ?? '',
        timestamp: event.timestamp
    })));
}
/**
 * The way out of a stuck status, in one wording for every caller (the diagnosis, and `run` refusing to deploy over
 * a stuck stack): the command with the ids it needs, and one paragraph saying what blocks the stack and what the
 * command costs. `resources` may be empty when the events are not at hand.
 */
function wayOut(stackName, status, resources) {
    const named = resources.map(resource => `${describeResource(resource)}: ${resource.reason || resource.status}`);
    const blocked = named.length ? ` It is blocked by ${named.join('; ')}.` : '';
    if (status === 'UPDATE_ROLLBACK_FAILED') {
        const ids = resources.map(resource => [...resource.nestedPath, resource.logicalResourceId].join('.'));
        const plain = `aws cloudformation continue-update-rollback --stack-name ${stackName}`;
        const command = ids.length ? `${plain} --resources-to-skip ${ids.join(' ')}` : plain;
        return {
            ids,
            command,
            wayOut: `${stackName} is in UPDATE_ROLLBACK_FAILED: the rollback could not restore every resource, and the stack ` +
                `cannot be updated until the rollback finishes.${blocked} Fix the cause (for example recreate what was ` +
                `changed or deleted outside CloudFormation) and run \`${plain}\`` +
                (ids.length
                    ? `, or skip them: \`${command}\`. Skipped resources are marked rolled back without being changed, so ` +
                        'they stay inconsistent with the template until you fix them by hand or in a later update.'
                    : '.')
        };
    }
    const ids = resources
        .filter(resource => resource.nestedPath.length === 0)
        .map(resource => resource.logicalResourceId);
    const plain = `aws cloudformation delete-stack --stack-name ${stackName}`;
    const retain = ids.length ? `${plain} --retain-resources ${ids.join(' ')}` : plain;
    if (status === 'ROLLBACK_FAILED') {
        return {
            ids,
            command: plain,
            wayOut: `${stackName} is in ROLLBACK_FAILED: its failed create could not be rolled back and it can only be ` +
                `deleted.${blocked} Fix what keeps them from being deleted and run \`${plain}\`` +
                (ids.length
                    ? `; if the deletion fails on them again (DELETE_FAILED), \`${retain}\` finishes it and leaves them ` +
                        'in the account, to be deleted by hand.'
                    : '.')
        };
    }
    return {
        ids,
        command: retain,
        wayOut: `${stackName} is in DELETE_FAILED: some resources could not be deleted.${blocked} Fix the reason and run ` +
            `\`${plain}\` again` +
            (ids.length
                ? `, or finish the deletion without them: \`${retain}\` — retained resources stay in the account ` +
                    '(and keep costing) until you delete them by hand.'
                : '.')
    };
}

/** A stack whose first create failed: CloudFormation cannot update it, it must be deleted before a redeploy. */
class FailedCreateError extends index.DeployGuardError {
    failedStack;
    constructor(failedStack) {
        super(`Stack ${failedStack.stackName} is in ROLLBACK_COMPLETE: its first create failed and was rolled back, and CloudFormation ` +
            'cannot update such a stack — it must be deleted before it can be deployed again (and termination protection ' +
            `would block the deletion a deploy tool attempts). Diagnose it first (deploy-guard diagnose --stack ${failedStack.stackName}), ` +
            `then delete it (aws cloudformation delete-stack --stack-name ${failedStack.stackName}), or set replace-failed-create: true ` +
            '(CLI: --replace-failed-create) to have deploy-guard record its failure, delete it and deploy.');
        this.failedStack = failedStack;
    }
}
/**
 * A stack stuck in a failed rollback or deletion (UPDATE_ROLLBACK_FAILED, ROLLBACK_FAILED, DELETE_FAILED):
 * CloudFormation refuses every deploy until someone acts, so the run stops before the command, with the blocking
 * resources and the way out in the diagnosis' own wording (`wayOut`, diagnose/stuck.ts).
 */
class StackStuckError extends index.DeployGuardError {
    stuckStack;
    stuck;
    constructor(stuckStack, stuck) {
        super(`${stuck.wayOut} The deploy command was not run. Details: deploy-guard diagnose --stack ${stuckStack.stackName}.`);
        this.stuckStack = stuckStack;
        this.stuck = stuck;
    }
}
/**
 * Turns termination protection on (with `enable`) for every named stack that exists: a deletion must then be deliberate.
 * A stack in ROLLBACK_COMPLETE is reported, not protected: `onFailedCreate` decides (throw, or replace it). A stack
 * stuck in a failed rollback or deletion throws StackStuckError: no deploy can start until someone acts.
 */
async function protectStacks(api, stackNames, onFailedCreate, enable = true) {
    const results = [];
    for (const stackName of stackNames) {
        const stack = await api.describeStack(stackName);
        if (!stack || stack.status === 'DELETE_COMPLETE') {
            results.push({ stackName, existed: false, protected: false, alreadyProtected: false, nested: false });
            continue;
        }
        if (isStuckStatus(stack.status)) {
            // The operation that left it stuck, back to its start (a few pages): what blocks it now.
            const events = await new EventStream(api, stack.stackId, [], {
                currentOperation: true,
                maxPages: 10
            }).poll();
            throw new StackStuckError(stack, stuckStack(stackName, stack.status, events));
        }
        if (stack.status === 'ROLLBACK_COMPLETE') {
            await onFailedCreate(stack);
            results.push({
                stackName,
                existed: false,
                status: 'DELETE_COMPLETE',
                protected: false,
                alreadyProtected: false,
                nested: false
            });
            continue;
        }
        const nested = stack.parentId !== undefined;
        const protect = enable && !nested && !stack.terminationProtection;
        if (protect)
            await api.setTerminationProtection(stack.stackId, true);
        results.push({
            stackName,
            stackId: stack.stackId,
            existed: true,
            status: stack.status,
            protected: protect || stack.terminationProtection,
            alreadyProtected: stack.terminationProtection,
            nested
        });
    }
    return results;
}
/**
 * Replaces a stack whose first create failed: records its events first (what diagnosis needs), then turns protection
 * off, deletes it by ARN and waits until it is gone.
 */
async function replaceFailedCreate(api, clock, stack, options = {}) {
    const events = await new EventStream(api, stack.stackId, [], { maxPages: 100 }).poll();
    if (stack.terminationProtection)
        await api.setTerminationProtection(stack.stackId, false);
    await api.deleteStack(stack.stackId);
    options.onNotice?.(`Deleting ${stack.stackName} (ROLLBACK_COMPLETE) so it can be created again; its ${events.length} events were recorded.`);
    const deadline = clock.monotonic() + (options.timeoutMs ?? 30 * 60_000);
    for (;;) {
        const current = await api.describeStack(stack.stackId);
        if (!current || current.status === 'DELETE_COMPLETE')
            return { stackId: stack.stackId, events };
        if (current.status === 'DELETE_FAILED') {
            throw new index.DeployGuardError(`Could not delete ${stack.stackName} to replace its failed create: ${current.statusReason ?? 'DELETE_FAILED'}. Delete it by hand, then deploy.`);
        }
        if (clock.monotonic() > deadline)
            throw new index.DeployGuardError(`Timed out waiting for ${stack.stackName} to be deleted.`);
        await clock.sleep(options.pollMs ?? 5_000);
    }
}

/**
 * Keeps termination protection on for the watched root stacks, judging only from reads the watcher makes anyway
 * (DescribeStacks' EnableTerminationProtection): it never adds a call of its own to an idle poll. Deploy tools turn
 * protection off as a matter of course — `cdk deploy` sets it to the app's `terminationProtection` (default false)
 * on every deploy of an existing stack (aws-cdk `deploy-stack.ts`, `updateTerminationProtection`).
 */
class ProtectionKeeper {
    api;
    clock;
    options;
    knownOnAt = new Map();
    restores = [];
    constructor(api, clock, options) {
        this.api = api;
        this.clock = clock;
        this.options = options;
        for (const name of options.protectedAtStart)
            this.knownOnAt.set(name, clock.now());
    }
    /**
     * Looks at one read of a stack and turns protection on when it is off; returns whether it is on now. A transient
     * error is thrown (the caller retries on its next poll); any other failure to protect is a notice, never a crash.
     */
    async check(stackName, stack, appeared = false) {
        // AWS sets protection on the root only; a stack being deleted can no longer be protected.
        if (!this.options.enabled || stack.parentId || stack.status.startsWith('DELETE_'))
            return stack.terminationProtection;
        const foundAt = this.clock.now();
        if (stack.terminationProtection) {
            this.knownOnAt.set(stackName, foundAt);
            return true;
        }
        try {
            await this.api.setTerminationProtection(stack.stackId, true);
        }
        catch (error) {
            if (index.isTransient(error))
                throw error;
            this.options.onNotice?.(`Could not turn termination protection on for ${stackName}: ${index.awsErrorMessage(error)}`);
            return false;
        }
        stack.terminationProtection = true;
        const restoredAt = this.clock.now();
        const lastKnownOnAt = this.knownOnAt.get(stackName);
        this.knownOnAt.set(stackName, restoredAt);
        if (lastKnownOnAt === undefined) {
            this.options.onProtected?.(stackName, stack.stackId, appeared);
            return true;
        }
        const restore = {
            stackName,
            stackId: stack.stackId,
            lastKnownOnAt,
            foundOffAt: foundAt,
            restoredAt
        };
        this.restores.push(restore);
        this.options.onRestored?.(restore);
        return true;
    }
    restoresOf(stackName) {
        return this.restores.filter(restore => restore.stackName === stackName);
    }
}

/** How far AWS's clock and this host's may disagree when telling a stack this deploy created from an older one. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Watches stacks until every one is terminal, the command ends, the timeout passes or the job is cancelled. */
async function watchStacks(deps, options) {
    const { clock } = deps;
    const random = deps.random ?? Math.random;
    const api = new StackApi(deps.cfn, createPacer(clock, options.requestsPerSecond ?? 5));
    const pollMin = options.pollMinMs ?? 3_000;
    const pollMax = options.pollMaxMs ?? 30_000;
    const started = clock.monotonic();
    const startedAtWall = clock.now();
    const wake = anySignal([options.signal, options.commandDone]);
    const keeper = new ProtectionKeeper(api, clock, {
        enabled: options.protect === true,
        protectedAtStart: options.protectedAtStart ?? [],
        ...(options.onProtected ? { onProtected: options.onProtected } : {}),
        ...(options.onProtectionRestored ? { onRestored: options.onProtectionRestored } : {}),
        ...(options.onNotice ? { onNotice: options.onNotice } : {})
    });
    const tracked = [];
    for (const name of options.stacks)
        tracked.push({
            name,
            looked: false,
            streams: [],
            finishedStreams: new Set(),
            changed: false,
            terminal: false,
            started: options.mode === 'new-operation',
            recheck: false,
            protected: false,
            inProgress: new Map(),
            events: []
        });
    let interval = pollMin;
    let failures = 0;
    let lastPoll = false;
    let timedOut = false;
    let lastFailure;
    for (;;) {
        if (options.signal?.aborted)
            break;
        let fresh = 0;
        try {
            for (const stack of tracked.filter(candidate => !candidate.terminal))
                fresh += await pollStack(api, keeper, stack, options, startedAtWall);
            failures = 0;
            lastFailure = undefined;
        }
        catch (error) {
            // A poll in flight when the run is cancelled is aborted by that cancellation: CloudFormation answered every poll
            // before it, so the stacks are reported as last read, not as unreadable.
            if (options.signal?.aborted && index.isAborted(error))
                break;
            // An aborted request is the caller's deadline: the checks below end the watch.
            if (!index.isTransient(error) && !index.isAborted(error))
                throw error;
            failures++;
            lastFailure = index.awsErrorMessage(error);
            options.onNotice?.(`CloudFormation did not answer (${lastFailure}) after ${index.formatDuration(clock.monotonic() - started)} ` +
                `of watching ${tracked
                    .filter(stack => !stack.terminal)
                    .map(stack => stack.name)
                    .join(', ')}; backing off before the next poll.`);
        }
        if (tracked.every(stack => stack.terminal) || lastPoll)
            break;
        if (options.commandDone?.aborted) {
            lastPoll = true;
            continue;
        }
        if (options.startTimeoutMs !== undefined &&
            clock.monotonic() - started >= options.startTimeoutMs &&
            tracked.some(stack => !stack.started)) {
            for (const stack of tracked.filter(candidate => !candidate.started)) {
                stack.notStarted = stack.waitingFor ?? 'no operation started';
                stack.terminal = true;
            }
            if (tracked.every(stack => stack.terminal))
                break;
        }
        if (options.timeoutMs !== undefined && clock.monotonic() - started >= options.timeoutMs) {
            timedOut = true;
            break;
        }
        interval =
            failures > 0
                ? Math.max(pollMin, index.fullJitterBackoff(failures, pollMin, 60_000, random))
                : fresh > 0
                    ? pollMin
                    : Math.min(pollMax, interval * 1.5);
        // ±20 % jitter so many watchers started together do not poll in step; never sleeping past the timeout.
        const untilTimeout = (options.timeoutMs ?? Infinity) - (clock.monotonic() - started);
        await clock.sleep(Math.min(interval * (0.8 + random() * 0.4), untilTimeout), wake);
    }
    // The final read: the status a terminal stack settled in, and — when protecting — whether the deploy tool left
    // protection on (a no-change `cdk deploy` turns it off without starting an operation).
    for (const stack of tracked.filter(candidate => candidate.summary && (candidate.terminal || options.protect))) {
        const final = await api.describeStack(stack.summary.stackId).catch(() => undefined);
        if (!final)
            continue;
        if (stack.terminal && !stack.notStarted)
            stack.status = final.status;
        stack.protected = await keeper.check(stack.name, final).catch((error) => {
            options.onNotice?.(`Could not turn termination protection back on for ${stack.name}: ${index.awsErrorMessage(error)}`);
            return false;
        });
    }
    const now = clock.now();
    const stacks = tracked.map(stack => outcomeOf(stack, keeper, now, failures > 0));
    return {
        stacks,
        durationMs: clock.monotonic() - started,
        failed: stacks.some(stack => stack.failed),
        timedOut,
        startTimedOut: stacks.some(stack => stack.notStarted !== undefined),
        cancelled: options.signal?.aborted === true,
        calls: { ...api.calls },
        ...(lastFailure !== undefined ? { unreachable: lastFailure } : {})
    };
}
/** One poll of one stack and its nested stacks; returns how many new events it saw. */
async function pollStack(api, keeper, stack, options, startedAtWall) {
    if (!stack.summary) {
        const appeared = await api.describeStack(stack.name);
        const atStart = !stack.looked;
        stack.looked = true;
        if (!appeared || appeared.status === 'DELETE_COMPLETE') {
            waitFor(stack, options, 'it to be created (it does not exist yet)');
            return 0;
        }
        // Before the stack counts as seen, so a throttled attempt is retried on the next poll.
        stack.protected = await keeper.check(stack.name, appeared, !atStart);
        // What a stack did before the watch is history, never the operation watched: in run mode everything before the
        // command; in follow-current mode an operation that had already finished. A stack that appears later is normally
        // the deploy's own, so its current operation is read from its first event, unless it is already finished and
        // older than the watch.
        const finished = isTerminalStatus(appeared.status);
        const history = atStart
            ? options.mode === 'new-operation' || finished
            : finished && (appeared.creationTime ?? 0) < startedAtWall - CLOCK_SKEW_MS;
        const newest = history ? await EventStream.newestEvent(api, appeared.stackId) : undefined;
        stack.streams.push(new EventStream(api, appeared.stackId, [], history
            ? newest
                ? { afterEventId: newest.eventId }
                : {}
            : {
                currentOperation: true,
                operation: { stackName: appeared.stackName, ids: currentOperationIds(appeared) }
            }));
        stack.changed = !history;
        stack.summary = appeared;
        stack.status = appeared.status;
        if (options.mode === 'follow-current') {
            if (appeared.status === 'REVIEW_IN_PROGRESS') {
                waitFor(stack, options, 'its change set to be executed: the stack is REVIEW_IN_PROGRESS, a change set was created and nobody has executed it yet');
            }
            else if (history) {
                const when = newest ? ` at ${new Date(newest.timestamp).toISOString()}` : '';
                waitFor(stack, options, `the next operation to start: its last one ended ${appeared.status}${when}, before the watch began`);
            }
            else
                stack.started = true;
        }
    }
    const fresh = [];
    let failure;
    for (const stream of stack.streams.filter(stream => !stack.finishedStreams.has(stream.stackId))) {
        try {
            fresh.push(...(await stream.poll()));
        }
        catch (error) {
            // Streams already read have moved past their events: record them before the caller backs off, or they are lost.
            failure = error;
            break;
        }
    }
    fresh.sort((a, b) => a.timestamp - b.timestamp);
    for (const event of fresh)
        record(api, stack, event, options);
    if (failure !== undefined)
        throw failure;
    if (stack.recheck && options.protect) {
        // A deploy tool sets protection just before it starts its operation (cdk deploy matches the app's
        // `terminationProtection`, default false): the operation's first event is the moment to look, at no idle cost.
        const current = await api.describeStack(stack.summary.stackId);
        if (current)
            stack.protected = await keeper.check(stack.name, current);
    }
    stack.recheck = false;
    return fresh.length;
}
/** Says once what a follow-current watch is waiting for, and for how long. */
function waitFor(stack, options, what) {
    if (options.mode !== 'follow-current' || stack.waitingFor !== undefined)
        return;
    stack.waitingFor = what;
    const bound = options.startTimeoutMs !== undefined ? ` up to ${index.formatDuration(options.startTimeoutMs)}` : '';
    options.onInfo?.(`${stack.name}: waiting${bound} for ${what}.`);
}
function record(api, stack, event, options) {
    stack.events.push(event);
    options.onEvent?.(event);
    if (isStackLevelEvent(event)) {
        if (event.stackId === stack.summary?.stackId) {
            if (isOperationStart(event) && event.resourceStatus !== 'REVIEW_IN_PROGRESS') {
                stack.started = true;
                stack.recheck = true;
                options.onOperationStart?.(stack.name, event);
            }
            stack.status = event.resourceStatus;
            stack.changed = true;
            options.onStackStatus?.(stack.name, event.resourceStatus);
            if (isTerminalStatus(event.resourceStatus))
                stack.terminal = true;
        }
        else if (isTerminalStatus(event.resourceStatus)) {
            stack.finishedStreams.add(event.stackId);
        }
        return;
    }
    const key = [...event.nestedPath, event.logicalResourceId].join('/');
    if (event.resourceStatus.endsWith('_IN_PROGRESS')) {
        stack.inProgress.set(key, {
            logicalResourceId: event.logicalResourceId,
            resourceType: event.resourceType,
            nestedPath: event.nestedPath,
            since: event.timestamp
        });
    }
    else {
        stack.inProgress.delete(key);
    }
    const childId = event.physicalResourceId;
    if (event.resourceType !== NESTED_STACK_TYPE ||
        !childId?.startsWith('arn:') ||
        !event.resourceStatus.endsWith('_IN_PROGRESS'))
        return;
    if (stack.streams.some(stream => stream.stackId === childId)) {
        // The parent touches a finished child again (its rollback, say): follow it again from where it stopped.
        stack.finishedStreams.delete(childId);
    }
    else {
        stack.streams.push(new EventStream(api, childId, [...event.nestedPath, event.logicalResourceId], {
            sinceMs: event.timestamp
        }));
    }
}
function outcomeOf(stack, keeper, now, unreadable) {
    const finalStatus = stack.status;
    return {
        stackName: stack.name,
        ...(stack.summary ? { stackId: stack.summary.stackId } : {}),
        ...(finalStatus ? { finalStatus } : {}),
        changed: stack.changed,
        // Only an operation this watch followed can fail it: an old failed one never does.
        failed: finalStatus !== undefined && stack.changed && isFailedStatus(finalStatus),
        protected: stack.protected,
        statusUnknown: !stack.terminal && (unreadable || !stack.looked),
        protectionRestored: keeper.restoresOf(stack.name),
        ...(stack.notStarted !== undefined ? { notStarted: stack.notStarted } : {}),
        inProgress: [...stack.inProgress.values()].map(resource => ({
            ...resource,
            forMs: now - resource.since
        })),
        events: stack.events
    };
}
function anySignal(signals) {
    const present = signals.filter((signal) => signal !== undefined);
    return present.length > 1 ? AbortSignal.any(present) : present[0];
}

/** Someone else's operation was still running on a guarded stack when the wait-timeout ran out. */
class BusyStackTimeoutError extends index.DeployGuardError {
    wait;
    constructor(wait) {
        super(`Stack ${wait.stackName} is still ${wait.finalStatus ?? wait.status} after waiting ${index.formatDuration(wait.waitedMs)} ` +
            `(wait-timeout) for the operation started by ${wait.startedBy}${at$1(wait.startedAt)}; the deploy command was not run. ` +
            'Let that operation finish (or cancel it: aws cloudformation cancel-update-stack for an update), then deploy again, ' +
            'or raise wait-timeout (CLI: --wait-timeout).');
        this.wait = wait;
    }
}
/** Someone else's operation, running when the lock was taken, ended failed: the run stops with its diagnosis. */
class BusyStackFailedError extends index.DeployGuardError {
    wait;
    // Spelled out, not the class's own name: the edges match it by name (so they need not load this module), and a
    // minified bundle renames classes.
    name = 'BusyStackFailedError';
    constructor(wait) {
        super(`Stack ${wait.stackName} was busy with someone else's operation (${wait.status}, started by ${wait.startedBy}` +
            `${at$1(wait.startedAt)}) when this run took the lock, and it ended ${wait.finalStatus}; the deploy command was ` +
            'not run. The diagnosis is of that operation, not of this run. Deploy again once the stack is sound.');
        this.wait = wait;
    }
}
/**
 * Waits, before the deploy command runs, for every guarded stack that is in the middle of an operation (`*_IN_PROGRESS`
 * but REVIEW_IN_PROGRESS, which a new change set may replace): streams its events and names who started it — its first
 * event's ClientRequestToken and CloudTrail's caller. Throws BusyStackFailedError when it ends failed and
 * BusyStackTimeoutError when `timeoutMs` runs out; returns the waits otherwise (empty when no stack was busy).
 */
async function waitForBusyStacks(deps, stackNames, options) {
    const { api, clock } = deps;
    const started = clock.monotonic();
    const waits = [];
    for (const stackName of stackNames) {
        const stack = await api.describeStack(stackName);
        if (!stack || !stack.status.endsWith('_IN_PROGRESS') || stack.status === 'REVIEW_IN_PROGRESS')
            continue;
        const opening = (await new EventStream(api, stack.stackId, [], { currentOperation: true, maxPages: 5 }).poll())[0];
        const startedBy = await nameStarter(deps, stack.stackId, stackName, opening);
        const wait = {
            stackName,
            stackId: stack.stackId,
            status: stack.status,
            ...(opening ? { startedAt: opening.timestamp } : {}),
            startedBy,
            waitedMs: 0
        };
        const remaining = Math.max(0, options.timeoutMs - (clock.monotonic() - started));
        options.onInfo?.(`${stackName} is ${stack.status}: an operation started by ${startedBy}${at$1(wait.startedAt)} is still running, ` +
            `and it is not this run's. Waiting up to ${index.formatDuration(remaining)} (wait-timeout) for it to finish before ` +
            'running the deploy command.');
        const waitedFrom = clock.monotonic();
        const outcome = await watchStacks({ cfn: deps.cfn, clock }, {
            stacks: [stackName],
            mode: 'follow-current',
            timeoutMs: remaining,
            // It may end between the two reads: then the watch's first look finds it finished, and must not wait for more.
            startTimeoutMs: 0,
            protect: options.protect === true,
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.pollMinMs !== undefined ? { pollMinMs: options.pollMinMs } : {}),
            ...(options.pollMaxMs !== undefined ? { pollMaxMs: options.pollMaxMs } : {}),
            ...(options.onEvent ? { onEvent: options.onEvent } : {}),
            ...(options.onNotice ? { onNotice: options.onNotice } : {})
        });
        const result = outcome.stacks[0];
        wait.waitedMs = clock.monotonic() - waitedFrom;
        if (result.finalStatus)
            wait.finalStatus = result.finalStatus;
        if (outcome.cancelled)
            throw new index.DeployGuardError(`Cancelled while waiting for ${stackName} to finish someone else's operation.`);
        if (outcome.timedOut)
            throw new BusyStackTimeoutError(wait);
        const failed = result.notStarted !== undefined ? isFailedStatus(result.finalStatus ?? '') : result.failed;
        if (failed)
            throw new BusyStackFailedError(wait);
        options.onInfo?.(`${stackName}: the other operation ended ${result.finalStatus} after ${index.formatDuration(wait.waitedMs)}; going on with this run's deploy.`);
        waits.push(wait);
    }
    return waits;
}
/** The operation's starter, from CloudTrail when it has delivered the call, else from the operation's token. */
async function nameStarter(deps, stackId, stackName, opening) {
    const token = opening?.clientRequestToken;
    const { describeStarter, lookupStackCalls, operationStarter } = await Promise.resolve().then(() => require('./chunk-trail.js'));
    if (!deps.trail || !opening)
        return describeStarter(undefined, token);
    const { calls } = await lookupStackCalls(deps.trail, { stackId, stackName, start: opening.timestamp - 15 * 60_000, end: deps.clock.now() + 5 * 60_000 }, createPacer(deps.clock, 2, 1));
    return describeStarter(operationStarter(calls, opening.timestamp, token), token);
}
function at$1(time) {
    return time === undefined ? '' : ` at ${new Date(time).toISOString()}`;
}

/**
 * Protects the stacks, then runs the deploy command while watching them, streaming every new event. The step fails
 * when the command fails or any stack ends failed or rolled back. Watching is evidence, not the deploy: a watch that
 * breaks is reported and the command still runs to its end.
 */
async function deployWatched(deps, settings, runCommand, signal, options = {}) {
    const api = new StackApi(deps.cfn);
    const waitedFor = await waitForBusyStacks({ ...deps, api }, settings.stacks, {
        timeoutMs: options.busyTimeoutMs ?? 30 * 60_000,
        protect: settings.terminationProtection,
        pollMinMs: settings.pollMinMs,
        pollMaxMs: settings.pollMaxMs,
        ...(signal ? { signal } : {}),
        onEvent: event => deps.log.info(formatEventLine(event)),
        onInfo: deps.log.info,
        onNotice: deps.log.warn
    });
    const replaced = [];
    const protection = await protectStacks(api, settings.stacks, async (failed) => {
        if (!settings.replaceFailedCreate) {
            if (settings.terminationProtection)
                throw new FailedCreateError(failed);
            return deps.log.warn(`Stack ${failed.stackName} is in ROLLBACK_COMPLETE; the deploy tool will have to delete it first.`);
        }
        replaced.push({
            stackName: failed.stackName,
            ...(await replaceFailedCreate(api, deps.clock, failed, { onNotice: deps.log.info }))
        });
    }, settings.terminationProtection);
    for (const result of protection.filter(result => result.protected && !result.alreadyProtected)) {
        deps.log.info(`Termination protection enabled on ${result.stackName}.`);
    }
    const commandDone = new AbortController();
    const monitored = monitorResources(deps, settings);
    const attribution = new OperationAttribution(deps, deps.clock.now());
    let restoresSaid = 0;
    const watching = watchStacks({ cfn: deps.cfn, clock: deps.clock }, watchOptions(deps, settings, 'new-operation', monitored.monitor, {
        commandDone: commandDone.signal,
        ...(signal ? { signal } : {}),
        protectedAtStart: protection.filter(result => result.protected).map(result => result.stackName),
        onProtectionRestored: restore => restoresSaid++ === 0
            ? deps.log.warn(protectionTurnedOff(restore, options.commandLine))
            : deps.log.info(`Termination protection on ${restore.stackName} was off again; turned it back on.`),
        onOperationStart: (stackName, event) => attribution.seen(stackName, event, commandDone.signal.aborted)
    })).then(watch => ({ watch }), (error) => ({ watchError: error instanceof Error ? error.message : String(error) }));
    const stop = new AbortController();
    const command = runCommand(stop.signal).finally(() => commandDone.abort());
    // The watch ends early only when every guarded stack reached a final state while the command still runs.
    const settled = watching.then(watched => 'watch' in watched && !commandDone.signal.aborted && !signal?.aborted
        ? superviseSettledCommand({
            clock: deps.clock,
            log: deps.log,
            stacks: settings.stacks,
            graceMs: settings.commandGraceMs,
            stop: settings.stopAfterStackSettles,
            commandDone: commandDone.signal,
            stopCommand: () => stop.abort(new Error('stop-after-stack-settles'))
        })
        : false);
    // A command that could not even run still stops the watch and the monitor, so the guard exits.
    const exitCode = await command.catch(async (error) => {
        await Promise.all([watching, monitored.stop()]);
        throw error;
    });
    const watched = await watching;
    const evidence = await monitored.stop();
    const stoppedAfterSettle = await settled;
    if ('watchError' in watched)
        deps.log.warn(`Could not watch the stacks: ${watched.watchError}`);
    else
        reportOutcome(deps.log, watched.watch);
    const stacks = 'watch' in watched ? watched.watch.stacks : [];
    const restores = stacks.flatMap(stack => stack.protectionRestored);
    // The first event each stack showed this run, in CloudFormation's own time, bounds the CloudTrail lookup too.
    const firstEventAt = new Map(stacks.flatMap(stack => (stack.events[0] ? [[stack.stackName, stack.events[0].timestamp]] : [])));
    const protectionRestored = await attributeRestores(deps, restores, firstEventAt);
    const foreignOperations = await attribution.settled();
    const failed = exitCode !== 0 || ('watch' in watched && watched.watch.failed);
    return {
        exitCode,
        protection,
        replaced,
        ...watched,
        failed,
        evidence,
        stoppedAfterSettle,
        waitedFor,
        protectionRestored,
        foreignOperations
    };
}
/** The one plain message about a round trip of protection, with the fix. */
function protectionTurnedOff(restore, commandLine) {
    if (commandLine && /\bcdk\b/i.test(commandLine))
        return (`cdk deploy turned termination protection off for ${restore.stackName} because the app does not set ` +
            '`terminationProtection: true`; deploy-guard turned it back on. Set it in the app to stop the round trip.');
    return (`Termination protection on ${restore.stackName} was turned off while the deploy ran; deploy-guard turned it back ` +
        "on. If your deploy tool manages protection (cdk deploy sets it to the stack's `terminationProtection`, default " +
        'false), enable it there to stop the round trip.');
}
/**
 * Who turned protection off and when, from CloudTrail (one lookup per stack, only when it happened). The lookup window
 * opens two hours before the earlier of the restore (this machine's clock) and the stack's first event of this run
 * (`firstEventAt`, epoch ms in AWS's clock), so a clock that disagrees with AWS's cannot hide the call.
 */
async function attributeRestores(deps, restores, firstEventAt) {
    if (!deps.trail || restores.length === 0)
        return restores;
    const { attributeProtectionChanges, lookupStackCalls } = await Promise.resolve().then(() => require('./chunk-trail.js'));
    const pace = createPacer(deps.clock, 2, 1);
    const named = [];
    for (const stackName of [...new Set(restores.map(restore => restore.stackName))]) {
        const own = restores.filter(restore => restore.stackName === stackName);
        const start = Math.min(...own.map(restore => restore.lastKnownOnAt ?? restore.foundOffAt), firstEventAt.get(stackName) ?? Infinity);
        const { calls, caveat } = await lookupStackCalls(deps.trail, {
            stackId: own[0].stackId,
            stackName,
            start: start - 2 * 3_600_000,
            end: deps.clock.now() + 5 * 60_000
        }, pace);
        const attributed = attributeProtectionChanges(own, calls);
        for (const restore of attributed) {
            if (restore.turnedOffBy)
                deps.log.info(`${stackName}: termination protection was turned off by ${restore.turnedOffBy} at ` +
                    `${new Date(restore.turnedOffAt).toISOString()} (CloudTrail), and back on by deploy-guard at ` +
                    `${new Date(restore.restoredAt).toISOString()}.`);
            else if (caveat)
                deps.log.info(`${stackName}: who turned termination protection off is not known: ${caveat}`);
        }
        named.push(...attributed);
    }
    return named;
}
/**
 * Tells this run's operations from others' while it holds the lock. deploy-guard passes nothing to the deploy tool,
 * so it judges by timing — the first operation on a stack while the command runs is taken as the command's, unless
 * its ClientRequestToken says the AWS console started it — and by the caller CloudTrail names: any further operation,
 * or one after the command ended, is flagged the moment it is seen. A further operation started by the same principal
 * as the command's first one is taken as the command's too (said, not flagged).
 */
class OperationAttribution {
    deps;
    commandStartedAt;
    first = new Map();
    foreign = [];
    pending = [];
    pace;
    constructor(deps, commandStartedAt) {
        this.deps = deps;
        this.commandStartedAt = commandStartedAt;
        this.pace = createPacer(deps.clock, 2, 1);
    }
    seen(stackName, event, commandEnded) {
        const own = this.first.get(stackName);
        const token = event.clientRequestToken;
        // The console tags what it starts `Console-<Action>-<uuid>`; CDK tags its ExecuteChangeSet `exec<uuid>`.
        const fromConsole = token?.startsWith('Console-') === true;
        if (!own && !commandEnded && !fromConsole) {
            this.first.set(stackName, event);
            return;
        }
        const why = commandEnded
            ? 'it started after the deploy command had ended'
            : fromConsole
                ? `it was started from the AWS console (client request token ${token}), not by the deploy command`
                : `it is a second operation while the deploy command ran (the first, ${own.resourceStatus}, started at ${new Date(own.timestamp).toISOString()})`;
        const operation = {
            stackName,
            status: event.resourceStatus,
            startedAt: event.timestamp,
            why
        };
        this.foreign.push(operation);
        this.pending.push(this.name(operation, event, !commandEnded && !fromConsole ? own : undefined));
    }
    /** Every flagged operation, named as far as CloudTrail allowed. */
    async settled() {
        await Promise.all(this.pending);
        return this.foreign;
    }
    /** Names the operation's starter; `own` (the command's first operation) when it may still be the command's. */
    async name(operation, event, own) {
        const { describeStarter, lookupStackCalls, operationStarter } = await Promise.resolve().then(() => require('./chunk-trail.js'));
        const token = event.clientRequestToken;
        const { calls } = this.deps.trail
            ? await lookupStackCalls(this.deps.trail, {
                stackId: event.stackId,
                stackName: operation.stackName,
                start: Math.min(this.commandStartedAt, event.timestamp) - 15 * 60_000,
                end: this.deps.clock.now() + 5 * 60_000
            }, this.pace)
            : { calls: [] };
        const starter = operationStarter(calls, event.timestamp, token);
        const ours = own ? operationStarter(calls, own.timestamp, own.clientRequestToken) : undefined;
        operation.startedBy = describeStarter(starter, token);
        if (starter && ours && starter.principal === ours.principal) {
            this.foreign.splice(this.foreign.indexOf(operation), 1);
            this.deps.log.info(`${operation.stackName}: another operation (${operation.status}) started by the same principal as this run's deploy (${starter.principal}).`);
            return;
        }
        this.deps.log.warn(`${operation.stackName}: an operation that is not this run's deploy (${operation.status} at ` +
            `${new Date(operation.startedAt).toISOString()}, started by ${operation.startedBy}) ran while this run held ` +
            `the lock: ${operation.why}. Someone bypassed the lock; check what it changed.`);
    }
}
/** The resource monitor beside a watch: started with it, stopped (and its captures awaited) after it. */
function monitorResources(deps, settings) {
    if (!deps.evidence)
        return { monitor: undefined, stop: async () => [] };
    const monitor = new ResourceMonitor({
        readers: deps.evidence.readers,
        region: deps.evidence.region,
        clock: deps.clock,
        ...(settings.slowResourceAfterMs !== undefined ? { slowAfterMs: settings.slowResourceAfterMs } : {}),
        info: deps.log.info,
        warn: deps.log.warn
    });
    const done = new AbortController();
    const running = monitor.run(done.signal);
    return {
        monitor,
        stop: async () => {
            done.abort();
            await running;
            return monitor.collected();
        }
    };
}
function watchOptions(deps, settings, mode, monitor, extra) {
    return {
        stacks: settings.stacks,
        mode,
        protect: settings.terminationProtection,
        pollMinMs: settings.pollMinMs,
        pollMaxMs: settings.pollMaxMs,
        onEvent: event => {
            deps.log.info(formatEventLine(event));
            monitor?.observe(event);
        },
        onProtected: (name, _stackId, appeared) => deps.log.info(`Termination protection enabled on ${name}${appeared ? ' as soon as it appeared' : ''}.`),
        onInfo: deps.log.info,
        onNotice: deps.log.warn,
        ...extra
    };
}
/** One line per stack: how it ended, and what was still running when the watch stopped. */
function reportOutcome(log, outcome) {
    for (const stack of outcome.stacks) {
        if (stack.statusUnknown) {
            const seen = stack.finalStatus ? `last seen ${stack.finalStatus}` : 'never read';
            log.warn(`${stack.stackName}: status unknown (${seen}): CloudFormation could not be read` +
                `${outcome.unreachable ? ` (${outcome.unreachable})` : ''}. Check it in the console or with deploy-guard watch.`);
            continue;
        }
        const status = stack.finalStatus ?? 'not found';
        const line = stack.notStarted !== undefined
            ? `${stack.stackName}: ${status}; no operation started before the start timeout (waited for ${stack.notStarted}).`
            : `${stack.stackName}: ${status}${stack.changed ? '' : ' (no new operation)'}.`;
        if (stack.failed || stack.notStarted !== undefined)
            log.error(line);
        else
            log.info(line);
        for (const resource of stack.inProgress) {
            log.warn(`${stack.stackName}: ${describeResource(resource)} ` +
                `still in progress after ${index.formatDuration(resource.forMs)}, since ${new Date(resource.since).toISOString()}.`);
        }
    }
    if (outcome.timedOut)
        log.error(`Stopped watching after the watch timeout; ${index.formatDuration(outcome.durationMs)} elapsed.`);
}

const STACK_CALLS = new Set([
    'CreateChangeSet',
    'ExecuteChangeSet',
    'CreateStack',
    'UpdateStack',
    'DeleteStack',
    'UpdateTerminationProtection',
    'CancelUpdateStack',
    'ContinueUpdateRollback',
    'RollbackStack',
    'DeleteChangeSet'
]);
const STARTS_OPERATION = new Set(['ExecuteChangeSet', 'CreateStack', 'UpdateStack']);
const MUTATING = new Set([...STACK_CALLS].filter(name => name !== 'UpdateTerminationProtection'));
const MAX_PAGES = 4;
/**
 * Root causes looked up one by one (by physical id or service); any further ones share ONE lookup by time window,
 * matched here. 200 simultaneous failures used to cost 202 lookups (100 s at 2/s).
 */
const MAX_CAUSE_LOOKUPS = 3;
const MARGIN_BEFORE_MS = 10 * 60_000;
const MARGIN_AFTER_MS = 15 * 60_000;
const DELIVERY_DELAY_MS = 15 * 60_000;
/**
 * CloudTrail context for a failed operation, within bounded windows and CloudTrail's limits: one lookup attribute per
 * call, 50 results a page, a few pages at most, and ONE pacer for every call (2 requests/s per account and region).
 */
async function lookupTrailContext(trail, clock, request, pace = createPacer(clock, 2, 1)) {
    const window = { start: request.startedAt - MARGIN_BEFORE_MS, end: request.endedAt + MARGIN_AFTER_MS };
    let lookups = 0;
    const lookupEvents = async (attribute, start, end) => {
        const events = [];
        let token;
        for (let page = 0; page < MAX_PAGES; page++) {
            await pace();
            lookups++;
            const reply = await trail.send(new LookupEventsCommand({
                ...(attribute
                    ? { LookupAttributes: [{ AttributeKey: attribute.key, AttributeValue: attribute.value }] }
                    : {}),
                StartTime: new Date(start),
                EndTime: new Date(end),
                MaxResults: 50,
                ...(token ? { NextToken: token } : {})
            }));
            events.push(...(reply.Events ?? []));
            token = reply.NextToken;
            if (!token)
                break;
        }
        return events;
    };
    const lookup = async (key, value, start, end) => (await lookupEvents({ key, value }, start, end)).map(toTrailEntry);
    const caveats = [];
    if (clock.now() - request.endedAt < DELIVERY_DELAY_MS) {
        caveats.push('The failure is less than 15 minutes old: CloudTrail may not have delivered every event yet; run the diagnosis again later.');
    }
    try {
        const byName = await lookup('ResourceName', request.stackName, window.start, window.end);
        const byArn = await lookup('ResourceName', request.stackId, window.start, window.end);
        const timeline = uniqueByEventId([...byName, ...byArn])
            .filter(entry => entry.eventSource === 'cloudformation.amazonaws.com' && STACK_CALLS.has(entry.eventName))
            .sort((a, b) => a.time - b.time);
        const apiErrors = [];
        for (const cause of request.rootCauses.slice(0, MAX_CAUSE_LOOKUPS)) {
            const around = { start: request.startedAt - MARGIN_BEFORE_MS, end: cause.timestamp + 5 * 60_000 };
            const source = serviceOf(cause.resourceType);
            const entries = cause.physicalResourceId
                ? await lookup('ResourceName', cause.physicalResourceId, around.start, around.end)
                : source
                    ? await lookup('EventSource', source, around.start, around.end)
                    : [];
            apiErrors.push(...entries.filter(entry => entry.errorCode && entry.eventSource !== 'cloudformation.amazonaws.com'));
        }
        const rest = request.rootCauses.slice(MAX_CAUSE_LOOKUPS);
        if (rest.length > 0) {
            apiErrors.push(...(await windowErrors(lookupEvents, request, rest)));
            caveats.push(`CloudTrail was looked up resource by resource for the first ${MAX_CAUSE_LOOKUPS} root causes only; ` +
                `for the other ${rest.length} (${rest
                    .slice(0, 5)
                    .map(cause => cause.logicalResourceId)
                    .join(', ')}${rest.length > 5 ? ', …' : ''}) one lookup by time window (its first ` +
                `${MAX_PAGES * 50} records) was matched by resource and service, so some of their API errors may be missing.`);
        }
        const concurrentChanges = request.heldWindow ? changesByOthers(timeline, request.heldWindow) : [];
        return { timeline, apiErrors: uniqueByEventId(apiErrors), concurrentChanges, window, caveats, lookups };
    }
    catch (error) {
        const why = index.isAccessDenied(error)
            ? 'cloudtrail:LookupEvents was denied: grant it to see who called what on the stack and which API call failed.'
            : `CloudTrail could not be read: ${index.awsErrorMessage(error)}`;
        return { timeline: [], apiErrors: [], concurrentChanges: [], window, caveats: [...caveats, why], lookups };
    }
}
/**
 * API errors for root causes beyond the first few: one unfiltered lookup over their time window (a few pages),
 * matched by physical id or by the service of the resource type, never one lookup per resource.
 */
async function windowErrors(lookupEvents, request, causes) {
    const names = new Set(causes.flatMap(cause => (cause.physicalResourceId ? [cause.physicalResourceId] : [])));
    const sources = new Set(causes.flatMap(cause => serviceOf(cause.resourceType) ?? []));
    const end = Math.max(...causes.map(cause => cause.timestamp)) + 5 * 60_000;
    const events = await lookupEvents(undefined, request.startedAt - MARGIN_BEFORE_MS, end);
    return events
        .filter(event => (event.Resources ?? []).some(resource => resource.ResourceName && names.has(resource.ResourceName)) ||
        (event.EventSource !== undefined && sources.has(event.EventSource)))
        .map(toTrailEntry)
        .filter(entry => entry.errorCode && entry.eventSource !== 'cloudformation.amazonaws.com');
}
/**
 * Stack changes during the hold window by anyone other than the deploy itself: the given principal, or else whoever
 * started the operation (the first ExecuteChangeSet, CreateStack or UpdateStack in its window). Another principal there means another
 * deploy or a person changed the stack while it was supposed to be locked (incident B).
 */
function changesByOthers(timeline, held) {
    const starter = timeline.find(entry => STARTS_OPERATION.has(entry.eventName) && !entry.errorCode);
    const own = held.principal ?? starter?.principalArn ?? starter?.principal;
    return timeline.filter(entry => MUTATING.has(entry.eventName) &&
        entry.time >= held.start &&
        entry.time <= held.end &&
        entry.principalArn !== own &&
        entry.principal !== own);
}
/** `AWS::RDS::DBInstance` → `rds.amazonaws.com`, for looking up a resource that never got a physical id. */
function serviceOf(resourceType) {
    const service = resourceType.split('::')[1]?.toLowerCase();
    if (!service || resourceType.startsWith('Custom::'))
        return undefined;
    return `${service === 'elasticloadbalancingv2' ? 'elasticloadbalancing' : service}.amazonaws.com`;
}
function uniqueByEventId(entries) {
    return [...new Map(entries.map(entry => [entry.eventId, entry])).values()];
}
/** Reads only identity, source and error from the record: request parameters can hold passwords. */
function toTrailEntry(event) {
    let record = {};
    try {
        record = JSON.parse(event.CloudTrailEvent ?? '{}');
    }
    catch {
        record = {};
    }
    const identity = record.userIdentity ?? {};
    const arn = identity.arn;
    const sessionName = identity.type === 'AssumedRole' ? arn?.split('/').at(-1) : undefined;
    const role = identity.sessionContext?.sessionIssuer?.userName;
    const principal = role
        ? `role ${role}${sessionName ? ` (session ${sessionName})` : ''}`
        : (identity.userName ?? event.Username ?? arn ?? 'unknown');
    const invokedBy = identity.invokedBy;
    return {
        eventId: event.EventId ?? '',
        time: event.EventTime?.getTime() ?? 0,
        eventName: event.EventName ?? '',
        eventSource: event.EventSource ?? '',
        principal,
        ...(arn ? { principalArn: arn } : {}),
        ...(sessionName ? { sessionName } : {}),
        ...(invokedBy ? { invokedBy } : {}),
        ...(record.sourceIPAddress ? { sourceIp: record.sourceIPAddress } : {}),
        ...(record.errorCode ? { errorCode: record.errorCode } : {}),
        ...(record.errorMessage ? { errorMessage: record.errorMessage } : {})
    };
}

/** Bumped on any incompatible change to the JSON report. */
const REPORT_SCHEMA_VERSION = 1;
function buildReport(input) {
    const { operation, region } = input;
    const failed = /FAILED|ROLLBACK|DELETE_COMPLETE/.test(operation.status) || input.rootCauses.length > 0;
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        generatedAt: new Date(input.now).toISOString(),
        region,
        stack: {
            name: operation.stackName,
            id: operation.stackId,
            finalStatus: operation.status,
            deleted: operation.deleted,
            failed,
            operationStartedAt: new Date(operation.startedAt).toISOString(),
            operationEndedAt: new Date(operation.endedAt).toISOString(),
            durationSeconds: Math.round((operation.endedAt - operation.startedAt) / 1000)
        },
        ...(input.operationInfo ? { operation: input.operationInfo } : {}),
        ...(input.lock ? { lock: input.lock } : {}),
        ...(input.stuck ? { stuck: input.stuck } : {}),
        rootCauses: input.rootCauses,
        findings: input.findings,
        evidence: input.evidence ?? [],
        ...(input.cloudTrail ? { cloudTrail: input.cloudTrail } : {}),
        notes: [...operation.notes, ...(input.cloudTrail?.caveats ?? [])],
        events: operation.events,
        links: consoleLinks(region, operation, input.cloudTrail)
    };
}
function consoleLinks(region, operation, trail) {
    const links = [
        {
            label: 'CloudFormation stack events',
            url: consoleUrl(region, `cloudformation/home?region=${region}#/stacks/events?stackId=${encodeURIComponent(operation.stackId)}`)
        }
    ];
    if (trail) {
        links.push({
            label: 'CloudTrail event history for the stack',
            url: consoleUrl(region, `cloudtrailv2/home?region=${region}#/events?ResourceName=${encodeURIComponent(operation.stackName)}` +
                `&StartTime=${encodeURIComponent(new Date(trail.window.start).toISOString())}&EndTime=${encodeURIComponent(new Date(trail.window.end).toISOString())}`)
        });
    }
    return links;
}
function trailEventUrl(region, entry) {
    return consoleUrl(region, `cloudtrailv2/home?region=${region}#/events/${encodeURIComponent(entry.eventId)}`);
}
/** The one-line answer to "what failed, and why". */
function rootCauseLine(report) {
    const cause = report.rootCauses[0];
    if (!cause) {
        const stuck = report.evidence.find(evidence => evidence.verdict);
        if (stuck)
            return `${report.stack.name} ended ${report.stack.finalStatus}; ${describeResource(stuck)} never finished: ${stuck.verdict}`;
        const finding = report.findings[0];
        if (finding)
            return `${report.stack.name}: ${finding.kind} failure on ${finding.logicalResourceId}: ${finding.detail}`;
        return `${report.stack.name} ended ${report.stack.finalStatus}; no failed resource event was found.`;
    }
    const where = resourcePath(cause);
    if (cause.scope === 'stack')
        return `${report.stack.name}: the stack ${where} itself failed (${cause.status}): ${cause.summary || cause.reason}`;
    const verdict = evidenceFor(report, cause)?.verdict;
    return `${report.stack.name}: ${describeResource(cause)} ${cause.status}: ${cause.summary || cause.reason}${verdict ? ` — ${verdict}` : ''}`;
}
/** The evidence gathered for a root cause (or any resource), if any. */
function evidenceFor(report, resource) {
    return report.evidence.find(evidence => evidence.stackId === resource.stackId && evidence.logicalResourceId === resource.logicalResourceId);
}

const OPENS_DEPLOY = ['CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'IMPORT_IN_PROGRESS'];
/**
 * The events of the stack's latest deploy operation — even after the stack was deleted: events stay readable by ARN,
 * and ListStacks keeps deleted stacks for 90 days. Reads back to the start of the latest create, update or import
 * (past any clean-up deletion after it), and into nested stacks by their PhysicalResourceId.
 */
async function loadLatestOperation(api, stackName, options = {}) {
    const notes = [];
    const live = await api.describeStack(stackName);
    let stackId = live?.stackId;
    let status = live?.status ?? 'DELETE_COMPLETE';
    const deleted = !live || live.status === 'DELETE_COMPLETE';
    if (deleted && !stackId) {
        stackId = await api.findDeletedStackId(stackName, options.sinceMs);
        if (!stackId)
            throw new index.StackNotFoundError(stackName, options);
        status = 'DELETE_COMPLETE';
    }
    const events = await readBackToDeploy(api, stackId, stackName, [], notes, options.sinceMs);
    try {
        const known = new Set(events.map(event => event.eventId));
        for (const event of await api.failedOperationEvents(stackId, stackName)) {
            if (!known.has(event.eventId) && (event.eventType === 'VALIDATION_ERROR' || event.hookStatus))
                events.push(event);
        }
    }
    catch (error) {
        if (error instanceof index.SetupError || /AccessDenied/.test(index.awsErrorName(error)))
            notes.push('cloudformation:DescribeEvents was denied: early-validation and hook findings are not shown.');
    }
    // Read newest first: reversed before the (stable) sort, rows of the same millisecond keep the order they
    // happened in (a clean-up row before the status it ends in).
    events.reverse().sort((a, b) => a.timestamp - b.timestamp);
    return {
        stackName,
        stackId: stackId,
        status,
        deleted,
        events,
        startedAt: events[0]?.timestamp ?? 0,
        endedAt: events.at(-1)?.timestamp ?? 0,
        notes
    };
}
async function readBackToDeploy(api, stackId, stackName, nestedPath, notes, sinceMs) {
    const collected = [];
    let token;
    reading: do {
        const page = await api.eventsPage(stackId, nestedPath, token);
        for (const event of page.events) {
            if (sinceMs !== undefined && event.timestamp < sinceMs)
                break reading;
            collected.push(event);
            if (isStackRow(event) && OPENS_DEPLOY.includes(event.resourceStatus))
                break reading;
        }
        token = page.nextToken;
    } while (token);
    // Each nested stack is read back to its own operation start, but not past the parent's previous operation: its
    // rows come before the parent's row that reports them, and a copied or cut-off parent may lack the rows that
    // touched it first (events arrive newest first).
    const childSince = new Map();
    for (const event of collected) {
        if (event.resourceType !== NESTED_STACK_TYPE ||
            isStackRow(event) ||
            !event.physicalResourceId?.startsWith('arn:'))
            continue;
        const first = collected
            .filter(other => other.logicalResourceId === event.logicalResourceId && other.stackId === event.stackId)
            .reduce((earliest, other) => Math.min(earliest, other.timestamp), event.timestamp);
        const previousEnd = collected
            .filter(other => isStackRow(other) && isFinalStatus(other.resourceStatus) && other.timestamp < first)
            .reduce((latest, other) => Math.max(latest, other.timestamp + 1), sinceMs ?? -Infinity);
        childSince.set(event.physicalResourceId, {
            logicalResourceId: event.logicalResourceId,
            since: previousEnd === -Infinity ? undefined : previousEnd
        });
    }
    for (const [childId, child] of childSince) {
        const path = [...nestedPath, child.logicalResourceId];
        try {
            collected.push(...(await readBackToDeploy(api, childId, stackName, path, notes, child.since)));
        }
        catch (error) {
            // Deleted too long ago, another account or Region in a copied ARN, a denied read: the parent's row for the
            // nested stack still says why it failed, so the diagnosis goes on with it.
            notes.push(`Nested stack ${path.join('/')} could not be read: ${index.awsErrorMessage(error)}; its parent's reason is shown.`);
        }
    }
    return collected;
}

const CANCELLED_UPDATE = 'The update was cancelled (CancelUpdateStack, or "Cancel update stack" in the console) and rolled back; ' +
    'no resource had failed before the cancel.';
/** The root stack's rollback started by a user rather than by a failure: a cancelled update. */
function isCancelledUpdate(event) {
    return (isStackRow(event) &&
        event.nestedPath.length === 0 &&
        event.resourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS' &&
        (event.resourceStatusReason ?? '').trim() === 'User Initiated');
}
/**
 * The stack-level failures of an operation, oldest first: a stack's own rows (ROLLBACK_IN_PROGRESS,
 * UPDATE_ROLLBACK_IN_PROGRESS, CREATE_FAILED, UPDATE_FAILED, sometimes CREATE_IN_PROGRESS) and nested-stack
 * resource rows ("Embedded stack … was not successfully created: <why>") whose reason says something specific.
 * A stack's own row in a final `*_COMPLETE` status with such a reason is an operation CloudFormation refused
 * (isRefusal). The root stack's `UPDATE_ROLLBACK_IN_PROGRESS` "User Initiated" is a cancelled update
 * (CancelUpdateStack; lono's `cfn cancel` log shows exactly this row) unless the operation is a resumed rollback
 * (`continuedRollback`: continue-update-rollback after UPDATE_ROLLBACK_FAILED).
 * The same stack named twice (its own row and its parent's row for it) is kept once, its own row first.
 */
function stackLevelCandidates(events, options = {}) {
    const candidates = [];
    for (const event of events) {
        const own = isStackRow(event);
        const nestedResource = !own && event.resourceType === NESTED_STACK_TYPE && event.resourceStatus.endsWith('_FAILED');
        if (!own && !nestedResource)
            continue;
        const specific = !options.continuedRollback && isCancelledUpdate(event)
            ? CANCELLED_UPDATE
            : specificStackReason(event.resourceStatusReason);
        if (!specific)
            continue;
        candidates.push(own
            ? {
                event,
                specific,
                logicalResourceId: event.nestedPath.at(-1) ?? (event.stackName || event.logicalResourceId),
                nestedPath: event.nestedPath.slice(0, -1),
                stackArn: event.stackId
            }
            : {
                event,
                specific,
                logicalResourceId: event.logicalResourceId,
                nestedPath: event.nestedPath,
                stackArn: event.physicalResourceId ?? ''
            });
    }
    const ordered = candidates.sort((a, b) => a.event.timestamp - b.event.timestamp || Number(isStackRow(b.event)) - Number(isStackRow(a.event)));
    const seen = new Set();
    return ordered.filter(candidate => {
        const key = [...candidate.nestedPath, candidate.logicalResourceId].join('/');
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

/** Failures that happen this close to the first one count as "at once". */
const SIMULTANEOUS_MS = 5_000;
/**
 * The root cause of a failed operation (DESIGN.md §5), from its events (root and nested, any order):
 * 1. the chronologically first `*_FAILED` resource events before the rollback (or clean-up deletion) began that are
 *    not cascades, drilled into nested stacks (their events carry `nestedPath`), all of those that failed at once,
 *    most specific first;
 * 2. else the stack itself, when a stack's own rows say why (no export named …, an export in use, a failed
 *    transform, capabilities, parameters) — never the generic summaries alone; a nested stack this way is named by
 *    its logical id in the parent;
 * 3. else, when only cascades remain (a nested stack whose own events are missing), the earliest of them;
 * 4. else, when only a stack's generic summary is left ("The following resource(s) failed to create: [A, B]" with
 *    no row of A or B in the input), the resources it lists, each saying its own event is missing — never the
 *    summary itself as the cause.
 */
function analyse(events, options = {}) {
    const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
    const cutoff = forwardPhaseEnd(ordered);
    const forward = ordered.filter(event => event.timestamp <= cutoff);
    const isFailure = (event) => event.resourceStatus.endsWith('_FAILED') && !isValidationOrHook(event);
    const resourceFailures = ordered.filter(event => isFailure(event) && !isStackRow(event));
    const real = forward.filter(event => isFailure(event) &&
        !isStackRow(event) &&
        !isCascade(event.resourceStatusReason) &&
        !(event.resourceType === NESTED_STACK_TYPE && hasChildEvents(events, event)));
    const stackCauses = real.length === 0 && showsFailure(ordered) ? stackLevelCandidates(forward, options) : [];
    const fallback = resourceFailures.slice(0, 1);
    const rootCauses = real.length > 0
        ? atOnce(real).map(toRootCause)
        : stackCauses.length > 0
            ? stackCauses
                .filter(candidate => candidate.event.timestamp - stackCauses[0].event.timestamp <= SIMULTANEOUS_MS)
                .map(toStackCause)
            : fallback.length > 0
                ? fallback.map(toRootCause)
                : listedInSummary(forward);
    return { rootCauses: dedupe(rootCauses), findings: findings$1(ordered) };
}
/** The candidates that failed within SIMULTANEOUS_MS of the first, most specific reason first. */
function atOnce(candidates) {
    const first = candidates[0]?.timestamp ?? 0;
    return candidates
        .filter(event => event.timestamp - first <= SIMULTANEOUS_MS)
        .sort((a, b) => specificity(b.resourceStatusReason) - specificity(a.resourceStatusReason) || a.timestamp - b.timestamp);
}
/**
 * A stack row (root or nested) that failed or rolled back, or a refused operation: a successful operation has no
 * stack-level cause.
 */
function showsFailure(ordered) {
    return ordered.some(event => ((isStackRow(event) || event.resourceType === NESTED_STACK_TYPE) &&
        (event.resourceStatus.endsWith('_FAILED') || event.resourceStatus.includes('ROLLBACK'))) ||
        isRefusal(event));
}
/**
 * The resources a stack's own failed or rolled-back row lists when their own rows are not in the input (a log that
 * kept only the stack's rows): named, with the stack's row as the only evidence, so the user knows where to look.
 */
function listedInSummary(forward) {
    for (const event of forward) {
        if (!isStackRow(event))
            continue;
        const list = failedList(event.resourceStatusReason);
        if (!list)
            continue;
        const { verb, logicalIds } = list;
        return logicalIds.map(logicalResourceId => {
            const summary = `${logicalResourceId} failed to ${verb}; its own event, with the reason, is not in these events (the ` +
                `stack's ${event.resourceStatus} row lists it).`;
            return {
                summary,
                stackName: event.stackName,
                stackId: event.stackId,
                logicalResourceId,
                resourceType: 'unknown (not in the events)',
                status: `${verb.toUpperCase()}_FAILED`,
                reason: summary,
                timestamp: event.timestamp,
                // The stack's own row carries the path to that stack: its resources sit at the same path, one level in.
                nestedPath: event.nestedPath,
                scope: 'resource'
            };
        });
    }
    return [];
}
function toStackCause(candidate) {
    const { event } = candidate;
    return {
        ...parseReason(candidate.specific),
        stackName: event.stackName,
        stackId: event.stackId,
        logicalResourceId: candidate.logicalResourceId,
        ...(candidate.stackArn ? { physicalResourceId: candidate.stackArn } : {}),
        resourceType: NESTED_STACK_TYPE,
        status: event.resourceStatus,
        reason: event.resourceStatusReason ?? '',
        timestamp: event.timestamp,
        nestedPath: candidate.nestedPath,
        scope: 'stack'
    };
}
function hasChildEvents(events, nestedResource) {
    return events.some(event => event.stackId === nestedResource.physicalResourceId && event.nestedPath.length > 0);
}
function isValidationOrHook(event) {
    return (event.eventType === 'VALIDATION_ERROR' ||
        event.eventType === 'HOOK_INVOCATION_ERROR' ||
        Boolean(event.hookStatus));
}
function toRootCause(event) {
    return {
        ...parseReason(event.resourceStatusReason),
        stackName: event.stackName,
        stackId: event.stackId,
        logicalResourceId: event.logicalResourceId,
        ...(event.physicalResourceId ? { physicalResourceId: event.physicalResourceId } : {}),
        resourceType: event.resourceType,
        status: event.resourceStatus,
        reason: event.resourceStatusReason ?? '',
        timestamp: event.timestamp,
        nestedPath: event.nestedPath,
        scope: 'resource'
    };
}
function dedupe(causes) {
    const seen = new Set();
    return causes.filter(cause => {
        const key = `${cause.stackId}/${cause.logicalResourceId}/${cause.status}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function findings$1(events) {
    const result = [];
    for (const event of events) {
        if (event.eventType === 'VALIDATION_ERROR' || event.validationStatusReason) {
            result.push({
                kind: 'validation',
                stackName: event.stackName,
                logicalResourceId: event.logicalResourceId,
                detail: event.validationStatusReason ?? event.resourceStatusReason ?? '',
                ...(event.validationPath ? { path: event.validationPath } : {}),
                timestamp: event.timestamp
            });
        }
        else if (event.hookStatus && /FAILED/.test(event.hookStatus)) {
            result.push({
                kind: 'hook',
                stackName: event.stackName,
                logicalResourceId: event.logicalResourceId,
                detail: event.hookStatusReason ?? event.resourceStatusReason ?? '',
                ...(event.hookType ? { hookType: event.hookType } : {}),
                ...(event.hookFailureMode ? { failureMode: event.hookFailureMode } : {}),
                timestamp: event.timestamp
            });
        }
    }
    return result;
}

async function diagnoseStack(deps, request) {
    const loaded = await loadLatestOperation(new StackApi(deps.cfn), request.stackName, {
        region: request.region,
        ...(request.sinceMs !== undefined ? { sinceMs: request.sinceMs } : {})
    });
    const { operation, operationInfo } = narrowToOperation(loaded);
    const { rootCauses, findings } = analyse(operation.events, {
        continuedRollback: operationInfo.type === 'CONTINUE_ROLLBACK'
    });
    const stuck = stuckStack(operation.stackName, operation.status, operation.events);
    if (request.onlyIfFailed) {
        const quiet = rootCauses.length === 0 && findings.length === 0;
        if (quiet || operation.endedAt < (request.activeSinceMs ?? 0))
            return undefined;
    }
    const targets = evidenceTargets(rootCauses, operation.events, deps.clock.now());
    // CloudTrail and the resources' own services are independent: read both at once.
    const [cloudTrail, evidence] = await Promise.all([
        deps.trail
            ? lookupTrailContext(deps.trail, deps.clock, {
                stackName: operation.stackName,
                stackId: operation.stackId,
                startedAt: operation.startedAt,
                endedAt: operation.endedAt,
                rootCauses,
                ...(request.heldWindow ? { heldWindow: request.heldWindow } : {})
            })
            : undefined,
        deps.evidence ? collectAll(deps.evidence, targets, request.region, request.collected) : []
    ]);
    return buildReport({
        operation,
        rootCauses,
        findings,
        evidence,
        region: request.region,
        now: deps.clock.now(),
        ...(cloudTrail ? { cloudTrail } : {}),
        ...(request.lock ? { lock: request.lock } : {}),
        operationInfo,
        ...(stuck ? { stuck } : {})
    });
}
/**
 * What was read back to the latest deploy can hold more than one operation (a continue-update-rollback after a
 * failed update): the one explained is picked by the same rule as `explain`'s default, and its final status is its
 * own last stack status unless it is the latest (then the live status, which also covers a stack deleted since).
 */
function narrowToOperation(loaded) {
    const operations = splitOperations(loaded.events);
    if (operations.length === 0) {
        return {
            operation: loaded,
            operationInfo: {
                number: 1,
                count: 0,
                id: '',
                type: 'UNKNOWN',
                startedAt: new Date(loaded.startedAt).toISOString(),
                finalStatus: loaded.status
            }
        };
    }
    const picked = pickOperation(operations);
    const latest = picked.number === 1;
    const events = eventsOfOperation(loaded.events, picked);
    const status = latest ? loaded.status : picked.finalStatus;
    return {
        operation: {
            ...loaded,
            status,
            deleted: latest && loaded.deleted,
            events,
            startedAt: events[0]?.timestamp ?? loaded.startedAt,
            endedAt: events.at(-1)?.timestamp ?? loaded.endedAt
        },
        operationInfo: {
            number: picked.number,
            count: operations.length,
            id: picked.id,
            type: picked.type,
            startedAt: new Date(picked.startedAt).toISOString(),
            finalStatus: status
        }
    };
}
/** A report from events already in hand: a dump (explain) or a failed create recorded before its deletion. */
function reportFromEvents(input) {
    const events = [...input.events].sort((a, b) => a.timestamp - b.timestamp);
    const stuck = stuckStack(input.stackName, input.status, events);
    return buildReport({
        operation: {
            stackName: input.stackName,
            stackId: input.stackId,
            status: input.status,
            deleted: input.deleted,
            events,
            startedAt: events[0]?.timestamp ?? 0,
            endedAt: events.at(-1)?.timestamp ?? 0,
            notes: input.notes ?? []
        },
        ...analyse(events, { continuedRollback: input.operationInfo?.type === 'CONTINUE_ROLLBACK' }),
        evidence: input.evidence ?? [],
        region: input.region,
        now: input.now,
        ...(input.operationInfo ? { operationInfo: input.operationInfo } : {}),
        ...(stuck ? { stuck } : {})
    });
}

/** GitHub renders big charts too small to read on a phone; the slowest ones and every failure come first. */
const MAX_BARS = 40;
const ALWAYS_SLOWEST = 10;
const MAX_LABEL = 48;
const MIN_BAR_MS = 1000;
/** One bar per resource (stack-level events excluded), in the order each resource first appeared. */
function ganttBars(events) {
    const bars = new Map();
    const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
    for (const event of ordered) {
        if (isStackLevelEvent(event))
            continue;
        const key = `${event.stackId}\u0000${event.logicalResourceId}`;
        let bar = bars.get(key);
        if (!bar) {
            if (!event.resourceStatus.endsWith('_IN_PROGRESS'))
                continue;
            bar = {
                nestedPath: event.nestedPath,
                logicalResourceId: event.logicalResourceId,
                resourceType: event.resourceType,
                start: event.timestamp,
                end: event.timestamp,
                finalStatus: event.resourceStatus,
                kind: 'unfinished'
            };
            bars.set(key, bar);
        }
        bar.end = event.timestamp;
        bar.finalStatus = event.resourceStatus;
        // A resource that failed on its own stays a failure even if the rollback later deletes it cleanly.
        if (event.resourceStatus.endsWith('_FAILED'))
            bar.kind = bar.kind === 'failed' || !isCascade(event.resourceStatusReason) ? 'failed' : 'cascade';
        else if (bar.kind === 'unfinished' && !event.resourceStatus.endsWith('_IN_PROGRESS'))
            bar.kind = 'ok';
    }
    return [...bars.values()];
}
/**
 * Which bars to draw when there are more than `max`: every failure, then the slowest `ALWAYS_SLOWEST`, then the
 * cascades, then the slowest of the rest; drawn back in start order.
 */
function pickBars(bars, max = MAX_BARS) {
    if (bars.length <= max)
        return bars;
    const byDuration = [...bars].sort((a, b) => b.end - b.start - (a.end - a.start));
    const chosen = new Set();
    const take = (candidates, limit = max) => {
        for (const bar of candidates) {
            if (chosen.size >= limit)
                break;
            chosen.add(bar);
        }
    };
    take(byDuration.slice(0, ALWAYS_SLOWEST));
    take(bars.filter(bar => bar.kind === 'failed'), max);
    take(bars.filter(bar => bar.kind === 'cascade' || bar.kind === 'unfinished'));
    take(byDuration);
    return bars.filter(bar => chosen.has(bar));
}
/**
 * Text from AWS made safe for a Mermaid gantt line: Mermaid reads `:` (task data), `#…;` (entities), `;`, `%%`
 * (comments), newlines and keywords at a line's start (`section`, `click`, `title` …), and the fence reads backticks;
 * so only letters, digits and ` _-./()+,@[]` pass, anything else becomes `_`, and the length is capped.
 */
function mermaidLabel(raw, max = MAX_LABEL) {
    let out = '';
    for (const char of raw) {
        if (out.length >= max) {
            out = `${out.slice(0, max - 1)}…`;
            break;
        }
        out += /[A-Za-z0-9 _\-./()+,@[\]]/.test(char) ? char : '_';
    }
    return out.replace(/\s+/g, ' ').trim() || '_';
}
const BAR_TAGS = {
    failed: 'crit, ',
    cascade: 'done, ',
    unfinished: 'active, ',
    ok: ''
};
const BAR_ICON = { failed: '✗', cascade: '↺', unfinished: '…', ok: '✓' };
/** `RDS DBInstance` for `AWS::RDS::DBInstance`: short enough for a bar, with no `:` for Mermaid to trip on. */
function shortType(resourceType) {
    return resourceType
        .replace(/^AWS::/, '')
        .split('::')
        .join(' ');
}
/**
 * A Mermaid `gantt` of the operation: one section per stack (root first, nested by path), one bar per resource,
 * each label led by an icon so no label can start with a Mermaid keyword. Times are epoch ms (`dateFormat x`).
 */
function renderGantt(stackName, events, max = MAX_BARS) {
    const bars = ganttBars(events);
    if (bars.length === 0)
        return undefined;
    const drawn = pickBars(bars, max);
    const sections = new Map();
    for (const bar of drawn) {
        const section = bar.nestedPath.length ? bar.nestedPath.join('/') : stackName;
        sections.set(section, [...(sections.get(section) ?? []), bar]);
    }
    const lines = ['gantt', '  dateFormat x', '  axisFormat %H:%M', '  todayMarker off'];
    for (const [section, sectionBars] of sections) {
        lines.push(`  section ${mermaidLabel(section)}`);
        for (const bar of sectionBars) {
            const label = mermaidLabel(`${bar.logicalResourceId} (${shortType(bar.resourceType)})`);
            const end = Math.max(bar.end, bar.start + MIN_BAR_MS);
            lines.push(`    ${BAR_ICON[bar.kind]} ${label} :${BAR_TAGS[bar.kind]}${bar.start}, ${end}`);
        }
    }
    return { mermaid: lines.join('\n'), drawn, omitted: bars.length - drawn.length };
}

/**
 * Markdown for the job summary, which GitHub renders with cmark-gfm (extensions table, strikethrough, autolink,
 * tagfilter) and then sanitises. Text from AWS is escaped so it stays text in its cell, its autolinks are defused, and
 * only URLs on AWS's own hosts become links; link targets are percent-encoded so nothing leaves the `( )`.
 */
/**
 * Hosts whose URLs in AWS text become links: AWS's documentation, consoles and sites (`docs.aws.amazon.com`,
 * `<region>.console.aws.amazon.com`, `aws.amazon.com`) and re:Post. Not `amazonaws.com`: S3 buckets and API Gateway
 * endpoints under it are anyone's.
 */
const AWS_HOSTS = ['aws.amazon.com', 'repost.aws'];
/** `https:` on one of AWS_HOSTS or a subdomain (e.g. `us-east-1.console.aws.amazon.com`), no credentials in it. */
function isAwsUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return false;
    }
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password)
        return false;
    const host = parsed.hostname.toLowerCase();
    return AWS_HOSTS.some(allowed => host === allowed || host.endsWith(`.${allowed}`));
}
/**
 * A URL as a markdown link target: every character outside RFC 3986's unreserved and the structural `:/?#&=%+,;@$`
 * is percent-encoded — including `( ) * ! ' ~ [ ] < >` and spaces, which encodeURIComponent leaves or which end a
 * target or open a title. Existing `%XX` escapes are kept.
 */
function linkTarget(url) {
    let out = '';
    for (const char of url) {
        if (/[A-Za-z0-9\-._:/?#&=%+,;@$]/.test(char))
            out += char;
        else
            out += [...new TextEncoder().encode(char)]
                .map(byte => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
                .join('');
    }
    return out;
}
/** `[label](target)`; the label is escaped (no link inside a link), the target encoded. */
function link(label, url) {
    return `[${text(label)}](${linkTarget(url)})`;
}
/** Cuts text to `max` characters (not bytes), marking the cut; the JSON report keeps the whole text. */
function clip(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/**
 * GFM's autolink extension turns `scheme://…`, `www.…` and `name@host.tld` into links even inside escaped text.
 * Entities break the first two (the autolinker never sees the literal `:` or `.`; the reader sees the same text). An
 * address is found after entities are decoded, so `@` is followed by a zero-width space, which no domain starts with.
 */
function defuseAutolinks(escaped) {
    return escaped
        .replace(/:(?=\/\/)/g, '&#58;')
        .replace(/(www)\./gi, '$1&#46;')
        .replace(/@/g, '@\u200b');
}
/** Untrusted text for a table cell or a line: clipped, neutralised, escaped, with no live link in it. */
function text(raw, max = 1000) {
    return defuseAutolinks(index.escapeMarkdown(clip(raw ?? '', max)));
}
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`|\\]+/g;
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '*', '_', '~']);
/**
 * Untrusted prose with its URLs: one on AWS's hosts becomes a link, any other is shown as defused text. Linear in
 * the length (one scan; the URL pattern is a single character-class run).
 */
function prose(raw, max = 1000) {
    const source = clip(raw ?? '', max);
    let out = '';
    let at = 0;
    for (const match of source.matchAll(URL_IN_TEXT)) {
        let url = match[0];
        let end = url.length;
        while (end > 0 && TRAILING_PUNCTUATION.has(url[end - 1]))
            end--;
        url = url.slice(0, end);
        out += text(source.slice(at, match.index), max);
        out += isAwsUrl(url) ? link(url, url) : text(url, max);
        at = match.index + url.length;
    }
    return out + text(source.slice(at), max);
}
/**
 * A line inside a fenced ```text block: markdown is inert there, so only the fence and HTML must not get through
 * (a backtick run could close the fence; `<` could open a tag on some renderers).
 */
function codeLine(raw, max = 600) {
    return index.neutraliseForLog(clip(raw, max)).replace(/`/g, "'").replace(/</g, '‹').replace(/>/g, '›');
}
/** UTF-8 length in bytes (GitHub's summary limit counts bytes), without Buffer so the core stays runtime-free. */
function utf8Bytes(line) {
    let bytes = 0;
    for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        if (code < 0x80)
            bytes += 1;
        else if (code < 0x800)
            bytes += 2;
        else if (code >= 0xd800 && code <= 0xdbff) {
            bytes += 4;
            i++;
        }
        else
            bytes += 3;
    }
    return bytes;
}

/** The event log may use this much of one report's summary, so several stacks' reports fit in one step. */
const EVENT_LOG_MAX_BYTES = 256 * 1024;
/** Rows per table or list before "… and N more (JSON report)". */
const MAX_ROWS = 50;
/** `failed-resources` lists this many root causes, reasons cut to REASON_OUTPUT_CHARS: outputs stay small. */
const FAILED_RESOURCES_MAX = 20;
const REASON_OUTPUT_CHARS = 500;
const time = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const JSON_HAS_ALL = 'the JSON report (`report-path` output) has them all';
/**
 * The order the summary is read in, and kept in when space runs out: a section that does not fit in the budget is
 * replaced by one line saying so. The event log comes last and is cut to what remains (`eventLog`).
 */
const SECTIONS = [
    headline,
    rootCauses,
    stuck,
    findings,
    timeline,
    evidenceSection,
    apiErrors,
    concurrentChanges,
    notes,
    picture,
    links
];
/** The job summary: the findings first, then the deploy as a chart, then the event log cut to fit `maxBytes`. */
function renderSummaryMarkdown(report, options = {}) {
    const budget = options.maxBytes ?? index.STEP_SUMMARY_MAX_BYTES;
    const lines = [];
    let used = 0;
    const room = (more) => used + more.reduce((sum, line) => sum + utf8Bytes(line) + 1, 0);
    // Kept back for the event log's header and its "left out" line, so those always fit.
    const reserve = 1024;
    for (const section of SECTIONS) {
        const part = section(report);
        if (part.length === 0)
            continue;
        const fits = room(part) + reserve <= budget;
        const added = fits
            ? part
            : [`> Left out to stay under GitHub's 1 MiB summary limit: ${part.length} lines; ${JSON_HAS_ALL}.`, ''];
        if (!fits && room(added) + reserve > budget)
            continue;
        lines.push(...added);
        used = room(added);
    }
    lines.push(...eventLog(report, Math.min(EVENT_LOG_MAX_BYTES, budget - used - reserve)));
    return lines.join('\n');
}
function headline(report) {
    const { stack } = report;
    const verdict = stack.failed ? '❌' : '✅';
    const lock = report.lock
        ? ` · lock ${report.lock.keys.map(key => text(key)).join(', ')} (fence ${report.lock.fences.join(', ')}): waited ${index.formatDuration(report.lock.waitedSeconds * 1000)}, held ${index.formatDuration(report.lock.heldSeconds * 1000)}`
        : '';
    return [
        `### ${verdict} deploy-guard: ${text(stack.name)} ended ${text(stack.finalStatus)}${stack.deleted ? ' (stack since deleted)' : ''}`,
        '',
        `Region ${text(report.region)} · operation ${stack.operationStartedAt} → ${stack.operationEndedAt} (${index.formatDuration(stack.durationSeconds * 1000)})${lock}`,
        '',
        ...(report.operation && report.operation.count > 1
            ? [
                `Operation ${report.operation.number} of ${report.operation.count} in the input (1 = newest): ${text(report.operation.type)} started ${report.operation.startedAt}`,
                ''
            ]
            : [])
    ];
}
/** A stack left in ROLLBACK_FAILED, UPDATE_ROLLBACK_FAILED or DELETE_FAILED: what blocks it and the way out. */
function stuck(report) {
    if (!report.stuck)
        return [];
    const shown = report.stuck.resources.slice(0, MAX_ROWS);
    return [
        `#### What blocks the stack (${text(report.stuck.status)})`,
        '',
        ...shown.map(resource => `- ${text(resourcePath(resource))} (${text(resource.resourceType)}) ${text(resource.status)}: ${prose(resource.reason)}`),
        ...more(report.stuck.resources.length, shown.length, 'blocking resources'),
        prose(report.stuck.wayOut, 4000),
        ''
    ];
}
/** "… and N more": what a capped list left out. */
function more(total, shown, what) {
    return total > shown ? [`… and ${total - shown} more ${what}; ${JSON_HAS_ALL}.`, ''] : [''];
}
function rootCauses(report) {
    if (report.rootCauses.length === 0)
        return [];
    const shown = report.rootCauses.slice(0, MAX_ROWS);
    return [
        '#### Root cause',
        '',
        '| resource | type | status | reason | nested path |',
        '| --- | --- | --- | --- | --- |',
        ...shown.map(cause => `| ${text(cause.logicalResourceId)} | ${text(cause.resourceType)} | ${text(cause.status)} | ${prose(cause.reason)} | ${text(cause.nestedPath.join(' / ') || '-')} |`),
        ...more(report.rootCauses.length, shown.length, 'root causes')
    ];
}
function findings(report) {
    if (report.findings.length === 0)
        return [];
    const shown = report.findings.slice(0, MAX_ROWS);
    return [
        '#### Validation and hook findings',
        '',
        ...shown.map(finding => {
            const extra = finding.path ?? finding.hookType ?? '';
            return `- **${finding.kind}** ${text(finding.logicalResourceId)}${extra ? ` (${text(extra)})` : ''}: ${prose(finding.detail)}`;
        }),
        ...more(report.findings.length, shown.length, 'findings')
    ];
}
function timeline(report) {
    const entries = report.cloudTrail?.timeline ?? [];
    if (entries.length === 0)
        return [];
    const shown = entries.slice(0, MAX_ROWS * 2);
    return [
        '#### CloudTrail timeline',
        '',
        '| time | event | principal | details |',
        '| --- | --- | --- | --- |',
        ...shown.map(entry => {
            const details = entry.errorCode
                ? `${entry.errorCode}: ${entry.errorMessage ?? ''}`
                : (entry.invokedBy ?? entry.sourceIp ?? '');
            return `| ${link(time(entry.time), trailEventUrl(report.region, entry))} | ${text(entry.eventName)} | ${text(entry.principal)} | ${prose(details)} |`;
        }),
        ...more(entries.length, shown.length, 'CloudTrail records')
    ];
}
function evidenceSection(report) {
    if (report.evidence.length === 0)
        return [];
    const shown = report.evidence.slice(0, 20);
    return [
        '#### Evidence from ECS, RDS and CloudWatch Logs',
        '',
        ...shown.flatMap(renderEvidence),
        ...more(report.evidence.length, shown.length, 'resources with evidence')
    ];
}
function renderEvidence(evidence) {
    const where = resourcePath(evidence, ' / ');
    const lines = [
        `**${text(where)}** (${text(evidence.resourceType)})${evidence.verdict ? `: ${prose(evidence.verdict)}` : ''}`,
        ''
    ];
    const facts = evidence.facts.slice(0, MAX_ROWS);
    for (const fact of facts)
        lines.push(`- ${fact.time ? `${time(fact.time)} ` : ''}_${text(fact.source)}_: ${prose(fact.text)}`);
    if (facts.length)
        lines.push(...more(evidence.facts.length, facts.length, 'facts'));
    if (evidence.logLines.length) {
        lines.push('Last error lines of its logs:', '', '```text');
        for (const line of evidence.logLines.slice(0, MAX_ROWS))
            lines.push(codeLine(`${time(line.timestamp)} ${line.message}`));
        lines.push('```', '');
    }
    for (const gap of evidence.gaps.slice(0, MAX_ROWS))
        lines.push(`> ${prose(gap)}`, '');
    if (evidence.links.length)
        lines.push(evidence.links.map(entry => link(entry.label, entry.url)).join(' · '), '');
    return lines;
}
function apiErrors(report) {
    const entries = report.cloudTrail?.apiErrors ?? [];
    if (entries.length === 0)
        return [];
    const shown = entries.slice(0, MAX_ROWS);
    return [
        "#### API errors on the stack's behalf",
        '',
        ...shown.map(entry => `- ${time(entry.time)} ${text(entry.eventSource)} ${text(entry.eventName)} by ${text(entry.principal)}: **${text(entry.errorCode)}** ${prose(entry.errorMessage)}`),
        ...more(entries.length, shown.length, 'API errors')
    ];
}
function concurrentChanges(report) {
    const entries = report.cloudTrail?.concurrentChanges ?? [];
    if (entries.length === 0)
        return [];
    const shown = entries.slice(0, MAX_ROWS);
    return [
        '> [!WARNING]',
        '> Another principal changed this stack while the deploy held its lock:',
        ...shown.map(entry => `> - ${time(entry.time)} ${text(entry.eventName)} by ${text(entry.principal)}`),
        ...(entries.length > shown.length ? [`> - … and ${entries.length - shown.length} more`] : []),
        ''
    ];
}
function notes(report) {
    return report.notes.slice(0, MAX_ROWS).flatMap(note => [`> ${prose(note)}`, '']);
}
/**
 * The deploy as a Mermaid gantt: open when the operation failed (the picture answers "what was slow, what broke
 * first"), folded when it succeeded.
 */
function picture(report) {
    const chart = renderGantt(report.stack.name, report.events);
    if (!chart)
        return [];
    const legend = '✗ failed (red) · ↺ failed or cancelled because of another failure (grey) · … never finished · ✓ completed' +
        (chart.omitted > 0
            ? ` · ${chart.omitted} more resources not drawn (every failure and the 10 slowest are); the event log below lists them`
            : '');
    const body = ['```mermaid', chart.mermaid, '```', '', legend, ''];
    return report.stack.failed
        ? ['#### The operation, resource by resource', '', ...body]
        : ['<details><summary>The operation, resource by resource</summary>', '', ...body, '</details>', ''];
}
function links(report) {
    return [report.links.map(entry => link(entry.label, entry.url)).join(' · '), ''];
}
/** The full event log, folded, cut to `maxBytes` with a line saying how many events were left out. */
function eventLog(report, maxBytes) {
    const total = report.events.length;
    const body = [];
    let used = 0;
    for (const event of report.events) {
        const line = codeLine(`${time(event.timestamp)} ${resourcePath(event)} ${event.resourceType} ${event.resourceStatus} ${event.resourceStatusReason ?? ''}`);
        used += utf8Bytes(line) + 1;
        if (used > maxBytes)
            break;
        body.push(line);
    }
    const left = total - body.length;
    return [
        `<details><summary>Full event log (${total} events${left ? `, ${left} left out` : ''})</summary>`,
        '',
        '```text',
        ...body,
        '```',
        '',
        ...(left
            ? [
                `${left} of ${total} events were left out to stay under GitHub's 1 MiB summary limit; ${JSON_HAS_ALL}.`,
                ''
            ]
            : []),
        '</details>',
        ''
    ];
}
/**
 * Annotations for a report, most important first: one error per root cause (most likely first), then one warning
 * per resource that never finished. The step caps them at ANNOTATIONS_PER_TYPE (see src/action/annotations.ts).
 */
function renderAnnotations(report) {
    const causes = report.rootCauses.map(cause => {
        const verdict = evidenceFor(report, cause)?.verdict;
        return {
            level: 'error',
            title: index.neutraliseForLog(clip(`${report.stack.name}: ${cause.logicalResourceId} ${cause.status}`, 200)),
            message: index.neutraliseForLog(clip(`${cause.resourceType}${cause.nestedPath.length ? ` in ${cause.nestedPath.join('/')}` : ''}: ${cause.reason}` +
                (verdict ? ` — ${verdict}` : ''), 2000))
        };
    });
    const stuck = report.rootCauses.length
        ? []
        : report.evidence
            .filter(evidence => evidence.verdict)
            .map(evidence => ({
            level: 'warning',
            title: index.neutraliseForLog(clip(`${report.stack.name}: ${evidence.logicalResourceId}`, 200)),
            message: index.neutraliseForLog(clip(`${evidence.resourceType}: ${evidence.verdict}`, 2000))
        }));
    return [...causes, ...stuck];
}
/** One paragraph for the log. */
function renderLogSummary(report) {
    const parts = [rootCauseLine(report)];
    const first = report.rootCauses[0];
    for (const evidence of report.evidence) {
        if (evidence.verdict && !(first && evidenceFor(report, first) === evidence))
            parts.push(`${evidence.logicalResourceId}: ${evidence.verdict}`);
    }
    const trail = report.cloudTrail;
    const executed = trail?.timeline
        .filter(entry => entry.eventName === 'ExecuteChangeSet' || entry.eventName === 'CreateStack')
        .at(-1);
    const deleted = trail?.timeline.filter(entry => entry.eventName === 'DeleteStack');
    if (executed)
        parts.push(`${executed.eventName} by ${executed.principal} at ${time(executed.time)}.`);
    for (const entry of deleted ?? [])
        parts.push(`DeleteStack by ${entry.principal} at ${time(entry.time)}${entry.errorCode ? ` (refused: ${entry.errorCode})` : ''}.`);
    for (const entry of (trail?.apiErrors ?? []).slice(0, 5))
        parts.push(`${entry.eventName} failed with ${entry.errorCode}: ${clip(entry.errorMessage ?? '', 500)}`);
    if (report.rootCauses.length > 1)
        parts.push(`${report.rootCauses.length} root causes in all; see the job summary.`);
    if (report.stuck)
        parts.push(clip(report.stuck.wayOut, 2000));
    return index.neutraliseForLog(clip(parts.join(' '), 8000));
}
/** Step outputs, small whatever the input: `failed-resources` is bounded; the JSON report has everything. */
function reportOutputs(report) {
    return {
        'root-cause': index.neutraliseForLog(clip(rootCauseLine(report), 1000)),
        // JSON with JSON's own escapes for `##[` and hidden characters: a later step may echo it into its log.
        'failed-resources': index.jsonForLog(report.rootCauses.slice(0, FAILED_RESOURCES_MAX).map(cause => {
            const verdict = evidenceFor(report, cause)?.verdict;
            return {
                logicalResourceId: cause.logicalResourceId,
                resourceType: cause.resourceType,
                status: cause.status,
                reason: clip(cause.reason, REASON_OUTPUT_CHARS),
                nestedPath: cause.nestedPath,
                ...(verdict ? { evidence: clip(verdict, REASON_OUTPUT_CHARS) } : {})
            };
        }), 0)
    };
}
/**
 * The JSON report: stable field names (REPORT_SCHEMA_VERSION), `rootCauses` most likely first, everything in full.
 * Printed the log-safe way (jsonForLog): the same value once parsed.
 */
function toJson(report) {
    return `${index.jsonForLog(report)}\n`;
}

/** Diagnoses a stack and publishes the report every way the runner shows it; `notes` lead the report's notes. */
async function diagnoseAndPublish(request, signal, notes = []) {
    const settings = { region: request.region, userAgent: index.USER_AGENT, ...(signal ? { signal } : {}) };
    const report = await diagnoseStack({
        cfn: createCloudFormationClient(settings),
        trail: createCloudTrailClient(settings),
        evidence: lazyEvidenceReaders(settings),
        clock: index.systemClock
    }, request);
    report.notes.unshift(...notes);
    await publishReport(report);
    return report;
}
/**
 * A failure that is not this run's result (the failed first create replace-failed-create deleted before deploying):
 * kept as history in a folded summary section, the log and its own JSON file — no annotation, no outputs, and no
 * failure headline, so a run that then deployed fine reads as the success it is.
 */
async function publishHistory(report) {
    const title = `History: the failed first create of ${index.escapeMarkdown(report.stack.name)} (${index.escapeMarkdown(report.stack.finalStatus)}) that this run deleted and replaced`;
    // The rendered report opens with its verdict headline; the history has its own title instead.
    const body = renderSummaryMarkdown(report, { maxBytes: summaryRoom() }).split('\n').slice(1).join('\n');
    await index.summary.addRaw(`### ${title}\n${body}\n`, true).write();
    index.info(`History (not this run's result): ${renderLogSummary(report)}`);
    const path = node_path.join(process.env.RUNNER_TEMP ?? node_os.tmpdir(), `deploy-guard-replaced-${report.stack.name}.json`);
    node_fs.writeFileSync(path, toJson(report));
    index.info(`The replaced stack's report is in ${path}.`);
}
/**
 * Job summary (within what is left of the step's 1 MiB), annotations most important first (within GitHub's 10 per
 * type), a log paragraph, small outputs and the JSON file with everything.
 */
async function publishReport(report) {
    await index.summary.addRaw(renderSummaryMarkdown(report, { maxBytes: summaryRoom() }), true).write();
    for (const annotation of renderAnnotations(report))
        index.annotate(annotation.level, annotation.message, annotation.title);
    index.info(renderLogSummary(report));
    for (const [name, value] of Object.entries(reportOutputs(report)))
        index.setOutput(name, value);
    const path = node_path.join(process.env.RUNNER_TEMP ?? node_os.tmpdir(), `deploy-guard-report-${report.stack.name}.json`);
    node_fs.writeFileSync(path, toJson(report));
    index.setOutput('report-path', path);
    index.info(`Report written to ${path} (upload it with actions/upload-artifact).`);
}
/** Bytes this step's summary may still take: 1 MiB less what the step already wrote, less room for a closing table. */
function summaryRoom() {
    const file = process.env.GITHUB_STEP_SUMMARY;
    let written = 0;
    try {
        written = file ? node_fs.statSync(file).size : 0;
    }
    catch {
        written = 0;
    }
    return Math.max(0, index.STEP_SUMMARY_MAX_BYTES - written - 16 * 1024);
}
/** One protection round trip: who turned it off and when (CloudTrail), when it was found off and turned back on. */
function restoreNote(restore, escape = raw => raw) {
    return (`Termination protection on ${escape(restore.stackName)} was turned off` +
        `${restore.turnedOffBy ? ` by ${escape(restore.turnedOffBy)} at ${at(restore.turnedOffAt)}` : ''}; ` +
        `found off at ${at(restore.foundOffAt)} and turned back on at ${at(restore.restoredAt)}.`);
}
const at = (ms) => (ms === undefined ? 'an unknown time' : new Date(ms).toISOString());
/**
 * Summary lines for what happened around the deploy: waits, protection round trips, operations not ours. AWS text is
 * escaped and clipped as everywhere in the summary (core/report/markdown.ts `text`).
 */
function runNotes(deploy) {
    return [
        ...deploy.waitedFor.map(wait => `- ${text(wait.stackName)} was ${wait.status} (started by ${text(wait.startedBy)}) when the ` +
            `lock was taken; waited ${index.formatDuration(wait.waitedMs)} until it ended ${wait.finalStatus ?? ''}.`),
        ...deploy.protectionRestored.map(restore => `- ${restoreNote(restore, text)}`),
        ...deploy.foreignOperations.map(operation => `- ⚠️ ${text(operation.stackName)}: an operation that is not this run's (${operation.status} at ` +
            `${at(operation.startedAt)}${operation.startedBy ? `, started by ${text(operation.startedBy)}` : ''}) ` +
            `ran while the lock was held: ${text(operation.why)}.`)
    ];
}

// What the lock's actions need only once the lock is held or released: the CloudFormation and CloudTrail clients,
// the watcher, the diagnosis and the report. main.ts imports this module dynamically while the acquire is in flight
// (runtime/preload.ts) and lock-post.ts after the release, so none of it is loaded or compiled before the first
// DynamoDB request.

const afterLock = /*#__PURE__*/Object.defineProperty({
    __proto__: null,
    createCloudFormationClient,
    createCloudTrailClient,
    deployWatched,
    diagnoseAndPublish,
    diagnoseStack,
    lazyEvidenceReaders,
    publishHistory,
    publishReport,
    reportFromEvents,
    restoreNote,
    runNotes
}, Symbol.toStringTag, { value: 'Module' });

exports.AwsJson1_1Protocol = AwsJson1_1Protocol;
exports.EvidenceGap = EvidenceGap;
exports.LookupEventsCommand = LookupEventsCommand;
exports.afterLock = afterLock;
exports.toTrailEntry = toTrailEntry;
