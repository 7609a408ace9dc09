'use strict';

Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });

const index = require('./index.js');
const gap = require('./chunk-gap.js');
require('node:crypto');
const AwsQueryProtocol = require('./chunk-core5.js');
require('os');
require('crypto');
require('fs');
require('path');
require('node:path');
require('node:os');
require('node:fs/promises');
require('node:child_process');
require('node:fs');
require('node:diagnostics_channel');
require('node:stream');
require('node:https');
require('node:process');
require('./chunk-after-lock.js');
require('./chunk-core6.js');

const defaultRDSHttpAuthSchemeParametersProvider = async (config, context, input) => {
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
            name: "rds",
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
const defaultRDSHttpAuthSchemeProvider = (authParameters) => {
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
        defaultSigningName: "rds",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1169.0";
const packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://rds-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://rds.{Region}.amazonaws.com", i],
        ["https://rds-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://rds.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://rds.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r + 12,
    2, 5, r + 12,
    3, 8, 6,
    4, 7, r + 11,
    5, r + 9, r + 10,
    4, 11, 9,
    6, 10, r + 8,
    7, r + 6, r + 7,
    5, 12, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 14,
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

class RDSServiceException extends index.ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.rds#RDSServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, RDSServiceException.prototype);
    }
}

class DBClusterNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterNotFoundFault";
    name = "DBClusterNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterNotFoundFault.prototype);
    }
}
class DBClusterRoleAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterRoleAlreadyExistsFault";
    name = "DBClusterRoleAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterRoleAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterRoleAlreadyExistsFault.prototype);
    }
}
class DBClusterRoleQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterRoleQuotaExceededFault";
    name = "DBClusterRoleQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterRoleQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterRoleQuotaExceededFault.prototype);
    }
}
class InvalidDBClusterStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBClusterStateFault";
    name = "InvalidDBClusterStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBClusterStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBClusterStateFault.prototype);
    }
}
class DBInstanceNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceNotFoundFault";
    name = "DBInstanceNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceNotFoundFault.prototype);
    }
}
class DBInstanceRoleAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceRoleAlreadyExistsFault";
    name = "DBInstanceRoleAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceRoleAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceRoleAlreadyExistsFault.prototype);
    }
}
class DBInstanceRoleQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceRoleQuotaExceededFault";
    name = "DBInstanceRoleQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceRoleQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceRoleQuotaExceededFault.prototype);
    }
}
class InvalidDBInstanceStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBInstanceStateFault";
    name = "InvalidDBInstanceStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBInstanceStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBInstanceStateFault.prototype);
    }
}
class SourceNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SourceNotFoundFault";
    name = "SourceNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SourceNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SourceNotFoundFault.prototype);
    }
}
class SubscriptionNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SubscriptionNotFoundFault";
    name = "SubscriptionNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SubscriptionNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SubscriptionNotFoundFault.prototype);
    }
}
class BlueGreenDeploymentNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#BlueGreenDeploymentNotFoundFault";
    name = "BlueGreenDeploymentNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BlueGreenDeploymentNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BlueGreenDeploymentNotFoundFault.prototype);
    }
}
class DBCapacityReservationNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBCapacityReservationNotFoundFault";
    name = "DBCapacityReservationNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBCapacityReservationNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBCapacityReservationNotFoundFault.prototype);
    }
}
class DBProxyEndpointNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyEndpointNotFoundFault";
    name = "DBProxyEndpointNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyEndpointNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyEndpointNotFoundFault.prototype);
    }
}
class DBProxyNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyNotFoundFault";
    name = "DBProxyNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyNotFoundFault.prototype);
    }
}
class DBProxyTargetGroupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyTargetGroupNotFoundFault";
    name = "DBProxyTargetGroupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyTargetGroupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyTargetGroupNotFoundFault.prototype);
    }
}
class DBShardGroupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBShardGroupNotFoundFault";
    name = "DBShardGroupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBShardGroupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBShardGroupNotFoundFault.prototype);
    }
}
class DBSnapshotNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSnapshotNotFoundFault";
    name = "DBSnapshotNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSnapshotNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSnapshotNotFoundFault.prototype);
    }
}
class DBSnapshotTenantDatabaseNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSnapshotTenantDatabaseNotFoundFault";
    name = "DBSnapshotTenantDatabaseNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSnapshotTenantDatabaseNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSnapshotTenantDatabaseNotFoundFault.prototype);
    }
}
class IntegrationNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#IntegrationNotFoundFault";
    name = "IntegrationNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IntegrationNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IntegrationNotFoundFault.prototype);
    }
}
class InvalidDBClusterEndpointStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBClusterEndpointStateFault";
    name = "InvalidDBClusterEndpointStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBClusterEndpointStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBClusterEndpointStateFault.prototype);
    }
}
class TenantDatabaseNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#TenantDatabaseNotFoundFault";
    name = "TenantDatabaseNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TenantDatabaseNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TenantDatabaseNotFoundFault.prototype);
    }
}
class ResourceNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ResourceNotFoundFault";
    name = "ResourceNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundFault.prototype);
    }
}
class AuthorizationAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#AuthorizationAlreadyExistsFault";
    name = "AuthorizationAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AuthorizationAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AuthorizationAlreadyExistsFault.prototype);
    }
}
class AuthorizationQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#AuthorizationQuotaExceededFault";
    name = "AuthorizationQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AuthorizationQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AuthorizationQuotaExceededFault.prototype);
    }
}
class DBSecurityGroupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSecurityGroupNotFoundFault";
    name = "DBSecurityGroupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSecurityGroupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSecurityGroupNotFoundFault.prototype);
    }
}
class InvalidDBSecurityGroupStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBSecurityGroupStateFault";
    name = "InvalidDBSecurityGroupStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBSecurityGroupStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBSecurityGroupStateFault.prototype);
    }
}
class InvalidDBCapacityReservationStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBCapacityReservationStateFault";
    name = "InvalidDBCapacityReservationStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBCapacityReservationStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBCapacityReservationStateFault.prototype);
    }
}
class ExportTaskNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ExportTaskNotFoundFault";
    name = "ExportTaskNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ExportTaskNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ExportTaskNotFoundFault.prototype);
    }
}
class InvalidExportTaskStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidExportTaskStateFault";
    name = "InvalidExportTaskStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidExportTaskStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidExportTaskStateFault.prototype);
    }
}
class DBParameterGroupAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBParameterGroupAlreadyExistsFault";
    name = "DBParameterGroupAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBParameterGroupAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBParameterGroupAlreadyExistsFault.prototype);
    }
}
class DBParameterGroupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBParameterGroupNotFoundFault";
    name = "DBParameterGroupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBParameterGroupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBParameterGroupNotFoundFault.prototype);
    }
}
class DBParameterGroupQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBParameterGroupQuotaExceededFault";
    name = "DBParameterGroupQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBParameterGroupQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBParameterGroupQuotaExceededFault.prototype);
    }
}
class DBClusterSnapshotAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterSnapshotAlreadyExistsFault";
    name = "DBClusterSnapshotAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterSnapshotAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterSnapshotAlreadyExistsFault.prototype);
    }
}
class DBClusterSnapshotNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterSnapshotNotFoundFault";
    name = "DBClusterSnapshotNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterSnapshotNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterSnapshotNotFoundFault.prototype);
    }
}
class InvalidDBClusterSnapshotStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBClusterSnapshotStateFault";
    name = "InvalidDBClusterSnapshotStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBClusterSnapshotStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBClusterSnapshotStateFault.prototype);
    }
}
class KMSKeyNotAccessibleFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#KMSKeyNotAccessibleFault";
    name = "KMSKeyNotAccessibleFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "KMSKeyNotAccessibleFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KMSKeyNotAccessibleFault.prototype);
    }
}
class SnapshotQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SnapshotQuotaExceededFault";
    name = "SnapshotQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SnapshotQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SnapshotQuotaExceededFault.prototype);
    }
}
class CustomAvailabilityZoneNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#CustomAvailabilityZoneNotFoundFault";
    name = "CustomAvailabilityZoneNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CustomAvailabilityZoneNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CustomAvailabilityZoneNotFoundFault.prototype);
    }
}
class DBSnapshotAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSnapshotAlreadyExistsFault";
    name = "DBSnapshotAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSnapshotAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSnapshotAlreadyExistsFault.prototype);
    }
}
class InvalidDBSnapshotStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBSnapshotStateFault";
    name = "InvalidDBSnapshotStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBSnapshotStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBSnapshotStateFault.prototype);
    }
}
class OptionGroupAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#OptionGroupAlreadyExistsFault";
    name = "OptionGroupAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "OptionGroupAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OptionGroupAlreadyExistsFault.prototype);
    }
}
class OptionGroupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#OptionGroupNotFoundFault";
    name = "OptionGroupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "OptionGroupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OptionGroupNotFoundFault.prototype);
    }
}
class OptionGroupQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#OptionGroupQuotaExceededFault";
    name = "OptionGroupQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "OptionGroupQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OptionGroupQuotaExceededFault.prototype);
    }
}
class BlueGreenDeploymentAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#BlueGreenDeploymentAlreadyExistsFault";
    name = "BlueGreenDeploymentAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BlueGreenDeploymentAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BlueGreenDeploymentAlreadyExistsFault.prototype);
    }
}
class DBClusterParameterGroupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterParameterGroupNotFoundFault";
    name = "DBClusterParameterGroupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterParameterGroupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterParameterGroupNotFoundFault.prototype);
    }
}
class DBClusterQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterQuotaExceededFault";
    name = "DBClusterQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterQuotaExceededFault.prototype);
    }
}
class InstanceQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InstanceQuotaExceededFault";
    name = "InstanceQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InstanceQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InstanceQuotaExceededFault.prototype);
    }
}
class SourceClusterNotSupportedFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SourceClusterNotSupportedFault";
    name = "SourceClusterNotSupportedFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SourceClusterNotSupportedFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SourceClusterNotSupportedFault.prototype);
    }
}
class SourceDatabaseNotSupportedFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SourceDatabaseNotSupportedFault";
    name = "SourceDatabaseNotSupportedFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SourceDatabaseNotSupportedFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SourceDatabaseNotSupportedFault.prototype);
    }
}
class StorageQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#StorageQuotaExceededFault";
    name = "StorageQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "StorageQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StorageQuotaExceededFault.prototype);
    }
}
class CreateCustomDBEngineVersionFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#CreateCustomDBEngineVersionFault";
    name = "CreateCustomDBEngineVersionFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CreateCustomDBEngineVersionFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CreateCustomDBEngineVersionFault.prototype);
    }
}
class CustomDBEngineVersionAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#CustomDBEngineVersionAlreadyExistsFault";
    name = "CustomDBEngineVersionAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CustomDBEngineVersionAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CustomDBEngineVersionAlreadyExistsFault.prototype);
    }
}
class CustomDBEngineVersionNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#CustomDBEngineVersionNotFoundFault";
    name = "CustomDBEngineVersionNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CustomDBEngineVersionNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CustomDBEngineVersionNotFoundFault.prototype);
    }
}
class CustomDBEngineVersionQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#CustomDBEngineVersionQuotaExceededFault";
    name = "CustomDBEngineVersionQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CustomDBEngineVersionQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CustomDBEngineVersionQuotaExceededFault.prototype);
    }
}
class Ec2ImagePropertiesNotSupportedFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#Ec2ImagePropertiesNotSupportedFault";
    name = "Ec2ImagePropertiesNotSupportedFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "Ec2ImagePropertiesNotSupportedFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, Ec2ImagePropertiesNotSupportedFault.prototype);
    }
}
class InvalidCustomDBEngineVersionStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidCustomDBEngineVersionStateFault";
    name = "InvalidCustomDBEngineVersionStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidCustomDBEngineVersionStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidCustomDBEngineVersionStateFault.prototype);
    }
}
class DBCapacityReservationAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBCapacityReservationAlreadyExistsFault";
    name = "DBCapacityReservationAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBCapacityReservationAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBCapacityReservationAlreadyExistsFault.prototype);
    }
}
class DBCapacityReservationUnsupportedFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBCapacityReservationUnsupportedFault";
    name = "DBCapacityReservationUnsupportedFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBCapacityReservationUnsupportedFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBCapacityReservationUnsupportedFault.prototype);
    }
}
class InsufficientDBInstanceCapacityFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InsufficientDBInstanceCapacityFault";
    name = "InsufficientDBInstanceCapacityFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InsufficientDBInstanceCapacityFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientDBInstanceCapacityFault.prototype);
    }
}
class DBClusterAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterAlreadyExistsFault";
    name = "DBClusterAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterAlreadyExistsFault.prototype);
    }
}
class DBSubnetGroupDoesNotCoverEnoughAZs extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSubnetGroupDoesNotCoverEnoughAZs";
    name = "DBSubnetGroupDoesNotCoverEnoughAZs";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSubnetGroupDoesNotCoverEnoughAZs",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSubnetGroupDoesNotCoverEnoughAZs.prototype);
    }
}
class DBSubnetGroupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSubnetGroupNotFoundFault";
    name = "DBSubnetGroupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSubnetGroupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSubnetGroupNotFoundFault.prototype);
    }
}
class DomainNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DomainNotFoundFault";
    name = "DomainNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DomainNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DomainNotFoundFault.prototype);
    }
}
class GlobalClusterNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#GlobalClusterNotFoundFault";
    name = "GlobalClusterNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "GlobalClusterNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, GlobalClusterNotFoundFault.prototype);
    }
}
class InsufficientStorageClusterCapacityFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InsufficientStorageClusterCapacityFault";
    name = "InsufficientStorageClusterCapacityFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InsufficientStorageClusterCapacityFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientStorageClusterCapacityFault.prototype);
    }
}
class InvalidDBSubnetGroupFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBSubnetGroupFault";
    name = "InvalidDBSubnetGroupFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBSubnetGroupFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBSubnetGroupFault.prototype);
    }
}
class InvalidDBSubnetGroupStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBSubnetGroupStateFault";
    name = "InvalidDBSubnetGroupStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBSubnetGroupStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBSubnetGroupStateFault.prototype);
    }
}
class InvalidGlobalClusterStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidGlobalClusterStateFault";
    name = "InvalidGlobalClusterStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidGlobalClusterStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidGlobalClusterStateFault.prototype);
    }
}
class InvalidSubnet extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidSubnet";
    name = "InvalidSubnet";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidSubnet",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSubnet.prototype);
    }
}
class InvalidVPCNetworkStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidVPCNetworkStateFault";
    name = "InvalidVPCNetworkStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidVPCNetworkStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidVPCNetworkStateFault.prototype);
    }
}
class NetworkTypeNotSupported extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#NetworkTypeNotSupported";
    name = "NetworkTypeNotSupported";
    $fault = "client";
    constructor(opts) {
        super({
            name: "NetworkTypeNotSupported",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, NetworkTypeNotSupported.prototype);
    }
}
class StorageTypeNotSupportedFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#StorageTypeNotSupportedFault";
    name = "StorageTypeNotSupportedFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "StorageTypeNotSupportedFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StorageTypeNotSupportedFault.prototype);
    }
}
class VpcEncryptionControlViolationException extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#VpcEncryptionControlViolationException";
    name = "VpcEncryptionControlViolationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "VpcEncryptionControlViolationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, VpcEncryptionControlViolationException.prototype);
    }
}
class DBClusterEndpointAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterEndpointAlreadyExistsFault";
    name = "DBClusterEndpointAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterEndpointAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterEndpointAlreadyExistsFault.prototype);
    }
}
class DBClusterEndpointQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterEndpointQuotaExceededFault";
    name = "DBClusterEndpointQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterEndpointQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterEndpointQuotaExceededFault.prototype);
    }
}
class AuthorizationNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#AuthorizationNotFoundFault";
    name = "AuthorizationNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AuthorizationNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AuthorizationNotFoundFault.prototype);
    }
}
class BackupPolicyNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#BackupPolicyNotFoundFault";
    name = "BackupPolicyNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BackupPolicyNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BackupPolicyNotFoundFault.prototype);
    }
}
class CertificateNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#CertificateNotFoundFault";
    name = "CertificateNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CertificateNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CertificateNotFoundFault.prototype);
    }
}
class DBInstanceAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceAlreadyExistsFault";
    name = "DBInstanceAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceAlreadyExistsFault.prototype);
    }
}
class ProvisionedIopsNotAvailableInAZFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ProvisionedIopsNotAvailableInAZFault";
    name = "ProvisionedIopsNotAvailableInAZFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ProvisionedIopsNotAvailableInAZFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ProvisionedIopsNotAvailableInAZFault.prototype);
    }
}
class TenantDatabaseQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#TenantDatabaseQuotaExceededFault";
    name = "TenantDatabaseQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TenantDatabaseQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TenantDatabaseQuotaExceededFault.prototype);
    }
}
class DBSubnetGroupNotAllowedFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSubnetGroupNotAllowedFault";
    name = "DBSubnetGroupNotAllowedFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSubnetGroupNotAllowedFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSubnetGroupNotAllowedFault.prototype);
    }
}
class DBProxyAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyAlreadyExistsFault";
    name = "DBProxyAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyAlreadyExistsFault.prototype);
    }
}
class DBProxyQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyQuotaExceededFault";
    name = "DBProxyQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyQuotaExceededFault.prototype);
    }
}
class DBProxyEndpointAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyEndpointAlreadyExistsFault";
    name = "DBProxyEndpointAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyEndpointAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyEndpointAlreadyExistsFault.prototype);
    }
}
class DBProxyEndpointQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyEndpointQuotaExceededFault";
    name = "DBProxyEndpointQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyEndpointQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyEndpointQuotaExceededFault.prototype);
    }
}
class InvalidDBProxyStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBProxyStateFault";
    name = "InvalidDBProxyStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBProxyStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBProxyStateFault.prototype);
    }
}
class DBSecurityGroupAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSecurityGroupAlreadyExistsFault";
    name = "DBSecurityGroupAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSecurityGroupAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSecurityGroupAlreadyExistsFault.prototype);
    }
}
class DBSecurityGroupNotSupportedFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSecurityGroupNotSupportedFault";
    name = "DBSecurityGroupNotSupportedFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSecurityGroupNotSupportedFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSecurityGroupNotSupportedFault.prototype);
    }
}
class DBSecurityGroupQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSecurityGroupQuotaExceededFault";
    name = "DBSecurityGroupQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSecurityGroupQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSecurityGroupQuotaExceededFault.prototype);
    }
}
class DBShardGroupAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBShardGroupAlreadyExistsFault";
    name = "DBShardGroupAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBShardGroupAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBShardGroupAlreadyExistsFault.prototype);
    }
}
class MaxDBShardGroupLimitReached extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#MaxDBShardGroupLimitReached";
    name = "MaxDBShardGroupLimitReached";
    $fault = "client";
    constructor(opts) {
        super({
            name: "MaxDBShardGroupLimitReached",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, MaxDBShardGroupLimitReached.prototype);
    }
}
class UnsupportedDBEngineVersionFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#UnsupportedDBEngineVersionFault";
    name = "UnsupportedDBEngineVersionFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnsupportedDBEngineVersionFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnsupportedDBEngineVersionFault.prototype);
    }
}
class DBSubnetGroupAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSubnetGroupAlreadyExistsFault";
    name = "DBSubnetGroupAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSubnetGroupAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSubnetGroupAlreadyExistsFault.prototype);
    }
}
class DBSubnetGroupQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSubnetGroupQuotaExceededFault";
    name = "DBSubnetGroupQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSubnetGroupQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSubnetGroupQuotaExceededFault.prototype);
    }
}
class DBSubnetQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBSubnetQuotaExceededFault";
    name = "DBSubnetQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBSubnetQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBSubnetQuotaExceededFault.prototype);
    }
}
class EventSubscriptionQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#EventSubscriptionQuotaExceededFault";
    name = "EventSubscriptionQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "EventSubscriptionQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EventSubscriptionQuotaExceededFault.prototype);
    }
}
class SNSInvalidTopicFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SNSInvalidTopicFault";
    name = "SNSInvalidTopicFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SNSInvalidTopicFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SNSInvalidTopicFault.prototype);
    }
}
class SNSNoAuthorizationFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SNSNoAuthorizationFault";
    name = "SNSNoAuthorizationFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SNSNoAuthorizationFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SNSNoAuthorizationFault.prototype);
    }
}
class SNSTopicArnNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SNSTopicArnNotFoundFault";
    name = "SNSTopicArnNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SNSTopicArnNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SNSTopicArnNotFoundFault.prototype);
    }
}
class SubscriptionAlreadyExistFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SubscriptionAlreadyExistFault";
    name = "SubscriptionAlreadyExistFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SubscriptionAlreadyExistFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SubscriptionAlreadyExistFault.prototype);
    }
}
class SubscriptionCategoryNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SubscriptionCategoryNotFoundFault";
    name = "SubscriptionCategoryNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SubscriptionCategoryNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SubscriptionCategoryNotFoundFault.prototype);
    }
}
class GlobalClusterAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#GlobalClusterAlreadyExistsFault";
    name = "GlobalClusterAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "GlobalClusterAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, GlobalClusterAlreadyExistsFault.prototype);
    }
}
class GlobalClusterQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#GlobalClusterQuotaExceededFault";
    name = "GlobalClusterQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "GlobalClusterQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, GlobalClusterQuotaExceededFault.prototype);
    }
}
class InvalidDBShardGroupStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBShardGroupStateFault";
    name = "InvalidDBShardGroupStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBShardGroupStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBShardGroupStateFault.prototype);
    }
}
class IntegrationAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#IntegrationAlreadyExistsFault";
    name = "IntegrationAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IntegrationAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IntegrationAlreadyExistsFault.prototype);
    }
}
class IntegrationConflictOperationFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#IntegrationConflictOperationFault";
    name = "IntegrationConflictOperationFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IntegrationConflictOperationFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IntegrationConflictOperationFault.prototype);
    }
}
class IntegrationQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#IntegrationQuotaExceededFault";
    name = "IntegrationQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IntegrationQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IntegrationQuotaExceededFault.prototype);
    }
}
class TenantDatabaseAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#TenantDatabaseAlreadyExistsFault";
    name = "TenantDatabaseAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TenantDatabaseAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TenantDatabaseAlreadyExistsFault.prototype);
    }
}
class InvalidBlueGreenDeploymentStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidBlueGreenDeploymentStateFault";
    name = "InvalidBlueGreenDeploymentStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidBlueGreenDeploymentStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidBlueGreenDeploymentStateFault.prototype);
    }
}
class DBClusterAutomatedBackupQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterAutomatedBackupQuotaExceededFault";
    name = "DBClusterAutomatedBackupQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterAutomatedBackupQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterAutomatedBackupQuotaExceededFault.prototype);
    }
}
class DBClusterAutomatedBackupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterAutomatedBackupNotFoundFault";
    name = "DBClusterAutomatedBackupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterAutomatedBackupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterAutomatedBackupNotFoundFault.prototype);
    }
}
class InvalidDBClusterAutomatedBackupStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBClusterAutomatedBackupStateFault";
    name = "InvalidDBClusterAutomatedBackupStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBClusterAutomatedBackupStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBClusterAutomatedBackupStateFault.prototype);
    }
}
class DBClusterEndpointNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterEndpointNotFoundFault";
    name = "DBClusterEndpointNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterEndpointNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterEndpointNotFoundFault.prototype);
    }
}
class InvalidDBParameterGroupStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBParameterGroupStateFault";
    name = "InvalidDBParameterGroupStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBParameterGroupStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBParameterGroupStateFault.prototype);
    }
}
class DBInstanceAutomatedBackupQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceAutomatedBackupQuotaExceededFault";
    name = "DBInstanceAutomatedBackupQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceAutomatedBackupQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceAutomatedBackupQuotaExceededFault.prototype);
    }
}
class DBInstanceAutomatedBackupNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceAutomatedBackupNotFoundFault";
    name = "DBInstanceAutomatedBackupNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceAutomatedBackupNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceAutomatedBackupNotFoundFault.prototype);
    }
}
class InvalidDBInstanceAutomatedBackupStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBInstanceAutomatedBackupStateFault";
    name = "InvalidDBInstanceAutomatedBackupStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBInstanceAutomatedBackupStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBInstanceAutomatedBackupStateFault.prototype);
    }
}
class InvalidDBProxyEndpointStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBProxyEndpointStateFault";
    name = "InvalidDBProxyEndpointStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBProxyEndpointStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBProxyEndpointStateFault.prototype);
    }
}
class InvalidDBSubnetStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBSubnetStateFault";
    name = "InvalidDBSubnetStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBSubnetStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBSubnetStateFault.prototype);
    }
}
class InvalidEventSubscriptionStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidEventSubscriptionStateFault";
    name = "InvalidEventSubscriptionStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidEventSubscriptionStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidEventSubscriptionStateFault.prototype);
    }
}
class InvalidIntegrationStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidIntegrationStateFault";
    name = "InvalidIntegrationStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidIntegrationStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidIntegrationStateFault.prototype);
    }
}
class InvalidOptionGroupStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidOptionGroupStateFault";
    name = "InvalidOptionGroupStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidOptionGroupStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidOptionGroupStateFault.prototype);
    }
}
class DBProxyTargetNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyTargetNotFoundFault";
    name = "DBProxyTargetNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyTargetNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyTargetNotFoundFault.prototype);
    }
}
class DBClusterBacktrackNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterBacktrackNotFoundFault";
    name = "DBClusterBacktrackNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterBacktrackNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterBacktrackNotFoundFault.prototype);
    }
}
class DBInstanceNotReadyFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceNotReadyFault";
    name = "DBInstanceNotReadyFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceNotReadyFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceNotReadyFault.prototype);
    }
}
class ReservedDBInstanceNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ReservedDBInstanceNotFoundFault";
    name = "ReservedDBInstanceNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReservedDBInstanceNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReservedDBInstanceNotFoundFault.prototype);
    }
}
class ReservedDBInstancesOfferingNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ReservedDBInstancesOfferingNotFoundFault";
    name = "ReservedDBInstancesOfferingNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReservedDBInstancesOfferingNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReservedDBInstancesOfferingNotFoundFault.prototype);
    }
}
class InvalidResourceStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidResourceStateFault";
    name = "InvalidResourceStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidResourceStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidResourceStateFault.prototype);
    }
}
class DBLogFileNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBLogFileNotFoundFault";
    name = "DBLogFileNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBLogFileNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBLogFileNotFoundFault.prototype);
    }
}
class InvalidDBClusterCapacityFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidDBClusterCapacityFault";
    name = "InvalidDBClusterCapacityFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDBClusterCapacityFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDBClusterCapacityFault.prototype);
    }
}
class StorageTypeNotAvailableFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#StorageTypeNotAvailableFault";
    name = "StorageTypeNotAvailableFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "StorageTypeNotAvailableFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, StorageTypeNotAvailableFault.prototype);
    }
}
class SharedSnapshotQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SharedSnapshotQuotaExceededFault";
    name = "SharedSnapshotQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SharedSnapshotQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SharedSnapshotQuotaExceededFault.prototype);
    }
}
class DBUpgradeDependencyFailureFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBUpgradeDependencyFailureFault";
    name = "DBUpgradeDependencyFailureFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBUpgradeDependencyFailureFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBUpgradeDependencyFailureFault.prototype);
    }
}
class SubnetAlreadyInUse extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#SubnetAlreadyInUse";
    name = "SubnetAlreadyInUse";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SubnetAlreadyInUse",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SubnetAlreadyInUse.prototype);
    }
}
class ReservedDBInstanceAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ReservedDBInstanceAlreadyExistsFault";
    name = "ReservedDBInstanceAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReservedDBInstanceAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReservedDBInstanceAlreadyExistsFault.prototype);
    }
}
class ReservedDBInstanceQuotaExceededFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ReservedDBInstanceQuotaExceededFault";
    name = "ReservedDBInstanceQuotaExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReservedDBInstanceQuotaExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReservedDBInstanceQuotaExceededFault.prototype);
    }
}
class DBProxyTargetAlreadyRegisteredFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBProxyTargetAlreadyRegisteredFault";
    name = "DBProxyTargetAlreadyRegisteredFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBProxyTargetAlreadyRegisteredFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBProxyTargetAlreadyRegisteredFault.prototype);
    }
}
class InsufficientAvailableIPsInSubnetFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InsufficientAvailableIPsInSubnetFault";
    name = "InsufficientAvailableIPsInSubnetFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InsufficientAvailableIPsInSubnetFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientAvailableIPsInSubnetFault.prototype);
    }
}
class DBClusterRoleNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBClusterRoleNotFoundFault";
    name = "DBClusterRoleNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBClusterRoleNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBClusterRoleNotFoundFault.prototype);
    }
}
class DBInstanceRoleNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#DBInstanceRoleNotFoundFault";
    name = "DBInstanceRoleNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DBInstanceRoleNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DBInstanceRoleNotFoundFault.prototype);
    }
}
class InvalidS3BucketFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidS3BucketFault";
    name = "InvalidS3BucketFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidS3BucketFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidS3BucketFault.prototype);
    }
}
class InsufficientDBClusterCapacityFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InsufficientDBClusterCapacityFault";
    name = "InsufficientDBClusterCapacityFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InsufficientDBClusterCapacityFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientDBClusterCapacityFault.prototype);
    }
}
class InvalidRestoreFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidRestoreFault";
    name = "InvalidRestoreFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidRestoreFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRestoreFault.prototype);
    }
}
class PointInTimeRestoreNotEnabledFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#PointInTimeRestoreNotEnabledFault";
    name = "PointInTimeRestoreNotEnabledFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "PointInTimeRestoreNotEnabledFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, PointInTimeRestoreNotEnabledFault.prototype);
    }
}
class ExportTaskAlreadyExistsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#ExportTaskAlreadyExistsFault";
    name = "ExportTaskAlreadyExistsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ExportTaskAlreadyExistsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ExportTaskAlreadyExistsFault.prototype);
    }
}
class IamRoleMissingPermissionsFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#IamRoleMissingPermissionsFault";
    name = "IamRoleMissingPermissionsFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IamRoleMissingPermissionsFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IamRoleMissingPermissionsFault.prototype);
    }
}
class IamRoleNotFoundFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#IamRoleNotFoundFault";
    name = "IamRoleNotFoundFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IamRoleNotFoundFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IamRoleNotFoundFault.prototype);
    }
}
class InvalidExportOnlyFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidExportOnlyFault";
    name = "InvalidExportOnlyFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidExportOnlyFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidExportOnlyFault.prototype);
    }
}
class InvalidExportSourceStateFault extends RDSServiceException {
    static shapeId = "com.amazonaws.rds#InvalidExportSourceStateFault";
    name = "InvalidExportSourceStateFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidExportSourceStateFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidExportSourceStateFault.prototype);
    }
}

const _AAEF = "AuthorizationAlreadyExistsFault";
const _ANFF = "AuthorizationNotFoundFault";
const _AQEF = "AuthorizationQuotaExceededFault";
const _BGDAEF = "BlueGreenDeploymentAlreadyExistsFault";
const _BGDNFF = "BlueGreenDeploymentNotFoundFault";
const _BPNFF = "BackupPolicyNotFoundFault";
const _CAZNFF = "CustomAvailabilityZoneNotFoundFault";
const _CCDBEVF = "CreateCustomDBEngineVersionFault";
const _CDBEVAEF = "CustomDBEngineVersionAlreadyExistsFault";
const _CDBEVNFF = "CustomDBEngineVersionNotFoundFault";
const _CDBEVQEF = "CustomDBEngineVersionQuotaExceededFault";
const _CNFF = "CertificateNotFoundFault";
const _DBCABNFF = "DBClusterAutomatedBackupNotFoundFault";
const _DBCABQEF = "DBClusterAutomatedBackupQuotaExceededFault";
const _DBCAEF = "DBClusterAlreadyExistsFault";
const _DBCBNFF = "DBClusterBacktrackNotFoundFault";
const _DBCEAEF = "DBClusterEndpointAlreadyExistsFault";
const _DBCENFF = "DBClusterEndpointNotFoundFault";
const _DBCEQEF = "DBClusterEndpointQuotaExceededFault";
const _DBCNFF = "DBClusterNotFoundFault";
const _DBCPGNFF = "DBClusterParameterGroupNotFoundFault";
const _DBCQEF = "DBClusterQuotaExceededFault";
const _DBCRAEF = "DBCapacityReservationAlreadyExistsFault";
const _DBCRAEFl = "DBClusterRoleAlreadyExistsFault";
const _DBCRNFF = "DBCapacityReservationNotFoundFault";
const _DBCRNFFl = "DBClusterRoleNotFoundFault";
const _DBCRQEF = "DBClusterRoleQuotaExceededFault";
const _DBCRUF = "DBCapacityReservationUnsupportedFault";
const _DBCSAEF = "DBClusterSnapshotAlreadyExistsFault";
const _DBCSNFF = "DBClusterSnapshotNotFoundFault";
const _DBIABNFF = "DBInstanceAutomatedBackupNotFoundFault";
const _DBIABQEF = "DBInstanceAutomatedBackupQuotaExceededFault";
const _DBIAEF = "DBInstanceAlreadyExistsFault";
const _DBINFF = "DBInstanceNotFoundFault";
const _DBINRF = "DBInstanceNotReadyFault";
const _DBIRAEF = "DBInstanceRoleAlreadyExistsFault";
const _DBIRNFF = "DBInstanceRoleNotFoundFault";
const _DBIRQEF = "DBInstanceRoleQuotaExceededFault";
const _DBLFNFF = "DBLogFileNotFoundFault";
const _DBPAEF = "DBProxyAlreadyExistsFault";
const _DBPEAEF = "DBProxyEndpointAlreadyExistsFault";
const _DBPENFF = "DBProxyEndpointNotFoundFault";
const _DBPEQEF = "DBProxyEndpointQuotaExceededFault";
const _DBPGAEF = "DBParameterGroupAlreadyExistsFault";
const _DBPGNFF = "DBParameterGroupNotFoundFault";
const _DBPGQEF = "DBParameterGroupQuotaExceededFault";
const _DBPNFF = "DBProxyNotFoundFault";
const _DBPQEF = "DBProxyQuotaExceededFault";
const _DBPTARF = "DBProxyTargetAlreadyRegisteredFault";
const _DBPTGNFF = "DBProxyTargetGroupNotFoundFault";
const _DBPTNFF = "DBProxyTargetNotFoundFault";
const _DBSAEF = "DBSnapshotAlreadyExistsFault";
const _DBSGAEF = "DBSecurityGroupAlreadyExistsFault";
const _DBSGAEFh = "DBShardGroupAlreadyExistsFault";
const _DBSGAEFu = "DBSubnetGroupAlreadyExistsFault";
const _DBSGDNCEAZ = "DBSubnetGroupDoesNotCoverEnoughAZs";
const _DBSGNAF = "DBSubnetGroupNotAllowedFault";
const _DBSGNFF = "DBSecurityGroupNotFoundFault";
const _DBSGNFFh = "DBShardGroupNotFoundFault";
const _DBSGNFFu = "DBSubnetGroupNotFoundFault";
const _DBSGNSF = "DBSecurityGroupNotSupportedFault";
const _DBSGQEF = "DBSecurityGroupQuotaExceededFault";
const _DBSGQEFu = "DBSubnetGroupQuotaExceededFault";
const _DBSNFF = "DBSnapshotNotFoundFault";
const _DBSQEF = "DBSubnetQuotaExceededFault";
const _DBSTDNFF = "DBSnapshotTenantDatabaseNotFoundFault";
const _DBUDFF = "DBUpgradeDependencyFailureFault";
const _DE = "DescribeEvents";
const _DEM = "DescribeEventsMessage";
const _DNFF = "DomainNotFoundFault";
const _Da = "Date";
const _Du = "Duration";
const _EC = "EventCategories";
const _ECL = "EventCategoriesList";
const _ECv = "EventCategory";
const _EIPNSF = "Ec2ImagePropertiesNotSupportedFault";
const _EL = "EventList";
const _EMv = "EventsMessage";
const _ESQEF = "EventSubscriptionQuotaExceededFault";
const _ETAEF = "ExportTaskAlreadyExistsFault";
const _ETNFF = "ExportTaskNotFoundFault";
const _ETn = "EndTime";
const _Ev = "Event";
const _Eve = "Events";
const _FL = "FilterList";
const _FVL = "FilterValueList";
const _Fi = "Filters";
const _Fil = "Filter";
const _GCAEF = "GlobalClusterAlreadyExistsFault";
const _GCNFF = "GlobalClusterNotFoundFault";
const _GCQEF = "GlobalClusterQuotaExceededFault";
const _IAEF = "IntegrationAlreadyExistsFault";
const _IAIPISF = "InsufficientAvailableIPsInSubnetFault";
const _IBGDSF = "InvalidBlueGreenDeploymentStateFault";
const _ICDBEVSF = "InvalidCustomDBEngineVersionStateFault";
const _ICOF = "IntegrationConflictOperationFault";
const _IDBCABSF = "InvalidDBClusterAutomatedBackupStateFault";
const _IDBCCF = "InsufficientDBClusterCapacityFault";
const _IDBCCFn = "InvalidDBClusterCapacityFault";
const _IDBCESF = "InvalidDBClusterEndpointStateFault";
const _IDBCRSF = "InvalidDBCapacityReservationStateFault";
const _IDBCSF = "InvalidDBClusterStateFault";
const _IDBCSSF = "InvalidDBClusterSnapshotStateFault";
const _IDBIABSF = "InvalidDBInstanceAutomatedBackupStateFault";
const _IDBICF = "InsufficientDBInstanceCapacityFault";
const _IDBISF = "InvalidDBInstanceStateFault";
const _IDBPESF = "InvalidDBProxyEndpointStateFault";
const _IDBPGSF = "InvalidDBParameterGroupStateFault";
const _IDBPSF = "InvalidDBProxyStateFault";
const _IDBSGF = "InvalidDBSubnetGroupFault";
const _IDBSGSF = "InvalidDBSecurityGroupStateFault";
const _IDBSGSFn = "InvalidDBShardGroupStateFault";
const _IDBSGSFnv = "InvalidDBSubnetGroupStateFault";
const _IDBSSF = "InvalidDBSnapshotStateFault";
const _IDBSSFn = "InvalidDBSubnetStateFault";
const _IEOF = "InvalidExportOnlyFault";
const _IESSF = "InvalidEventSubscriptionStateFault";
const _IESSFn = "InvalidExportSourceStateFault";
const _IETSF = "InvalidExportTaskStateFault";
const _IGCSF = "InvalidGlobalClusterStateFault";
const _IISF = "InvalidIntegrationStateFault";
const _INFF = "IntegrationNotFoundFault";
const _IOGSF = "InvalidOptionGroupStateFault";
const _IQEF = "InstanceQuotaExceededFault";
const _IQEFn = "IntegrationQuotaExceededFault";
const _IRF = "InvalidRestoreFault";
const _IRMPF = "IamRoleMissingPermissionsFault";
const _IRNFF = "IamRoleNotFoundFault";
const _IRSF = "InvalidResourceStateFault";
const _IS = "InvalidSubnet";
const _ISBF = "InvalidS3BucketFault";
const _ISCCF = "InsufficientStorageClusterCapacityFault";
const _IVPCNSF = "InvalidVPCNetworkStateFault";
const _KMSKNAF = "KMSKeyNotAccessibleFault";
const _MDBSGLR = "MaxDBShardGroupLimitReached";
const _MR = "MaxRecords";
const _Ma = "Marker";
const _Me = "Message";
const _N = "Name";
const _NTNS = "NetworkTypeNotSupported";
const _OGAEF = "OptionGroupAlreadyExistsFault";
const _OGNFF = "OptionGroupNotFoundFault";
const _OGQEF = "OptionGroupQuotaExceededFault";
const _PINAIAZF = "ProvisionedIopsNotAvailableInAZFault";
const _PITRNEF = "PointInTimeRestoreNotEnabledFault";
const _RDBIAEF = "ReservedDBInstanceAlreadyExistsFault";
const _RDBINFF = "ReservedDBInstanceNotFoundFault";
const _RDBIONFF = "ReservedDBInstancesOfferingNotFoundFault";
const _RDBIQEF = "ReservedDBInstanceQuotaExceededFault";
const _RNFF = "ResourceNotFoundFault";
const _SA = "SourceArn";
const _SAEF = "SubscriptionAlreadyExistFault";
const _SAIU = "SubnetAlreadyInUse";
const _SCNFF = "SubscriptionCategoryNotFoundFault";
const _SCNSF = "SourceClusterNotSupportedFault";
const _SDNSF = "SourceDatabaseNotSupportedFault";
const _SI = "SourceIdentifier";
const _SNFF = "SourceNotFoundFault";
const _SNFFu = "SubscriptionNotFoundFault";
const _SNSITF = "SNSInvalidTopicFault";
const _SNSNAF = "SNSNoAuthorizationFault";
const _SNSTANFF = "SNSTopicArnNotFoundFault";
const _SQEF = "SnapshotQuotaExceededFault";
const _SQEFt = "StorageQuotaExceededFault";
const _SSQEF = "SharedSnapshotQuotaExceededFault";
const _STNAF = "StorageTypeNotAvailableFault";
const _STNSF = "StorageTypeNotSupportedFault";
const _STo = "SourceType";
const _STtar = "StartTime";
const _TDAEF = "TenantDatabaseAlreadyExistsFault";
const _TDNFF = "TenantDatabaseNotFoundFault";
const _TDQEF = "TenantDatabaseQuotaExceededFault";
const _UDBEVF = "UnsupportedDBEngineVersionFault";
const _V = "Value";
const _VECVE = "VpcEncryptionControlViolationException";
const _Va = "Values";
const _aQE = "awsQueryError";
const _c = "client";
const _e = "error";
const _hE = "httpError";
const _m = "message";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.rds";
const _xN = "xmlName";
const n0 = "com.amazonaws.rds";
const _s_registry = new index.TypeRegistry(_s);
var RDSServiceException$ = [-3, _s, "RDSServiceException", 0, [], []];
_s_registry.registerError(RDSServiceException$, RDSServiceException);
const n0_registry = new index.TypeRegistry(n0);
var AuthorizationAlreadyExistsFault$ = [-3, n0, _AAEF,
    { [_aQE]: [`AuthorizationAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(AuthorizationAlreadyExistsFault$, AuthorizationAlreadyExistsFault);
var AuthorizationNotFoundFault$ = [-3, n0, _ANFF,
    { [_aQE]: [`AuthorizationNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(AuthorizationNotFoundFault$, AuthorizationNotFoundFault);
var AuthorizationQuotaExceededFault$ = [-3, n0, _AQEF,
    { [_aQE]: [`AuthorizationQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(AuthorizationQuotaExceededFault$, AuthorizationQuotaExceededFault);
var BackupPolicyNotFoundFault$ = [-3, n0, _BPNFF,
    { [_aQE]: [`BackupPolicyNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(BackupPolicyNotFoundFault$, BackupPolicyNotFoundFault);
var BlueGreenDeploymentAlreadyExistsFault$ = [-3, n0, _BGDAEF,
    { [_aQE]: [`BlueGreenDeploymentAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(BlueGreenDeploymentAlreadyExistsFault$, BlueGreenDeploymentAlreadyExistsFault);
var BlueGreenDeploymentNotFoundFault$ = [-3, n0, _BGDNFF,
    { [_aQE]: [`BlueGreenDeploymentNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(BlueGreenDeploymentNotFoundFault$, BlueGreenDeploymentNotFoundFault);
var CertificateNotFoundFault$ = [-3, n0, _CNFF,
    { [_aQE]: [`CertificateNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(CertificateNotFoundFault$, CertificateNotFoundFault);
var CreateCustomDBEngineVersionFault$ = [-3, n0, _CCDBEVF,
    { [_aQE]: [`CreateCustomDBEngineVersionFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(CreateCustomDBEngineVersionFault$, CreateCustomDBEngineVersionFault);
var CustomAvailabilityZoneNotFoundFault$ = [-3, n0, _CAZNFF,
    { [_aQE]: [`CustomAvailabilityZoneNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(CustomAvailabilityZoneNotFoundFault$, CustomAvailabilityZoneNotFoundFault);
var CustomDBEngineVersionAlreadyExistsFault$ = [-3, n0, _CDBEVAEF,
    { [_aQE]: [`CustomDBEngineVersionAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(CustomDBEngineVersionAlreadyExistsFault$, CustomDBEngineVersionAlreadyExistsFault);
var CustomDBEngineVersionNotFoundFault$ = [-3, n0, _CDBEVNFF,
    { [_aQE]: [`CustomDBEngineVersionNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(CustomDBEngineVersionNotFoundFault$, CustomDBEngineVersionNotFoundFault);
var CustomDBEngineVersionQuotaExceededFault$ = [-3, n0, _CDBEVQEF,
    { [_aQE]: [`CustomDBEngineVersionQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(CustomDBEngineVersionQuotaExceededFault$, CustomDBEngineVersionQuotaExceededFault);
var DBCapacityReservationAlreadyExistsFault$ = [-3, n0, _DBCRAEF,
    { [_aQE]: [`DBCapacityReservationAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBCapacityReservationAlreadyExistsFault$, DBCapacityReservationAlreadyExistsFault);
var DBCapacityReservationNotFoundFault$ = [-3, n0, _DBCRNFF,
    { [_aQE]: [`DBCapacityReservationNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBCapacityReservationNotFoundFault$, DBCapacityReservationNotFoundFault);
var DBCapacityReservationUnsupportedFault$ = [-3, n0, _DBCRUF,
    { [_aQE]: [`DBCapacityReservationUnsupported`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBCapacityReservationUnsupportedFault$, DBCapacityReservationUnsupportedFault);
var DBClusterAlreadyExistsFault$ = [-3, n0, _DBCAEF,
    { [_aQE]: [`DBClusterAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterAlreadyExistsFault$, DBClusterAlreadyExistsFault);
var DBClusterAutomatedBackupNotFoundFault$ = [-3, n0, _DBCABNFF,
    { [_aQE]: [`DBClusterAutomatedBackupNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterAutomatedBackupNotFoundFault$, DBClusterAutomatedBackupNotFoundFault);
var DBClusterAutomatedBackupQuotaExceededFault$ = [-3, n0, _DBCABQEF,
    { [_aQE]: [`DBClusterAutomatedBackupQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterAutomatedBackupQuotaExceededFault$, DBClusterAutomatedBackupQuotaExceededFault);
var DBClusterBacktrackNotFoundFault$ = [-3, n0, _DBCBNFF,
    { [_aQE]: [`DBClusterBacktrackNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterBacktrackNotFoundFault$, DBClusterBacktrackNotFoundFault);
var DBClusterEndpointAlreadyExistsFault$ = [-3, n0, _DBCEAEF,
    { [_aQE]: [`DBClusterEndpointAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterEndpointAlreadyExistsFault$, DBClusterEndpointAlreadyExistsFault);
var DBClusterEndpointNotFoundFault$ = [-3, n0, _DBCENFF,
    { [_aQE]: [`DBClusterEndpointNotFoundFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterEndpointNotFoundFault$, DBClusterEndpointNotFoundFault);
var DBClusterEndpointQuotaExceededFault$ = [-3, n0, _DBCEQEF,
    { [_aQE]: [`DBClusterEndpointQuotaExceededFault`, 403], [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterEndpointQuotaExceededFault$, DBClusterEndpointQuotaExceededFault);
var DBClusterNotFoundFault$ = [-3, n0, _DBCNFF,
    { [_aQE]: [`DBClusterNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterNotFoundFault$, DBClusterNotFoundFault);
var DBClusterParameterGroupNotFoundFault$ = [-3, n0, _DBCPGNFF,
    { [_aQE]: [`DBClusterParameterGroupNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterParameterGroupNotFoundFault$, DBClusterParameterGroupNotFoundFault);
var DBClusterQuotaExceededFault$ = [-3, n0, _DBCQEF,
    { [_aQE]: [`DBClusterQuotaExceededFault`, 403], [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterQuotaExceededFault$, DBClusterQuotaExceededFault);
var DBClusterRoleAlreadyExistsFault$ = [-3, n0, _DBCRAEFl,
    { [_aQE]: [`DBClusterRoleAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterRoleAlreadyExistsFault$, DBClusterRoleAlreadyExistsFault);
var DBClusterRoleNotFoundFault$ = [-3, n0, _DBCRNFFl,
    { [_aQE]: [`DBClusterRoleNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterRoleNotFoundFault$, DBClusterRoleNotFoundFault);
var DBClusterRoleQuotaExceededFault$ = [-3, n0, _DBCRQEF,
    { [_aQE]: [`DBClusterRoleQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterRoleQuotaExceededFault$, DBClusterRoleQuotaExceededFault);
var DBClusterSnapshotAlreadyExistsFault$ = [-3, n0, _DBCSAEF,
    { [_aQE]: [`DBClusterSnapshotAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterSnapshotAlreadyExistsFault$, DBClusterSnapshotAlreadyExistsFault);
var DBClusterSnapshotNotFoundFault$ = [-3, n0, _DBCSNFF,
    { [_aQE]: [`DBClusterSnapshotNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBClusterSnapshotNotFoundFault$, DBClusterSnapshotNotFoundFault);
var DBInstanceAlreadyExistsFault$ = [-3, n0, _DBIAEF,
    { [_aQE]: [`DBInstanceAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceAlreadyExistsFault$, DBInstanceAlreadyExistsFault);
var DBInstanceAutomatedBackupNotFoundFault$ = [-3, n0, _DBIABNFF,
    { [_aQE]: [`DBInstanceAutomatedBackupNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceAutomatedBackupNotFoundFault$, DBInstanceAutomatedBackupNotFoundFault);
var DBInstanceAutomatedBackupQuotaExceededFault$ = [-3, n0, _DBIABQEF,
    { [_aQE]: [`DBInstanceAutomatedBackupQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceAutomatedBackupQuotaExceededFault$, DBInstanceAutomatedBackupQuotaExceededFault);
var DBInstanceNotFoundFault$ = [-3, n0, _DBINFF,
    { [_aQE]: [`DBInstanceNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceNotFoundFault$, DBInstanceNotFoundFault);
var DBInstanceNotReadyFault$ = [-3, n0, _DBINRF,
    { [_aQE]: [`DBInstanceNotReady`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceNotReadyFault$, DBInstanceNotReadyFault);
var DBInstanceRoleAlreadyExistsFault$ = [-3, n0, _DBIRAEF,
    { [_aQE]: [`DBInstanceRoleAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceRoleAlreadyExistsFault$, DBInstanceRoleAlreadyExistsFault);
var DBInstanceRoleNotFoundFault$ = [-3, n0, _DBIRNFF,
    { [_aQE]: [`DBInstanceRoleNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceRoleNotFoundFault$, DBInstanceRoleNotFoundFault);
var DBInstanceRoleQuotaExceededFault$ = [-3, n0, _DBIRQEF,
    { [_aQE]: [`DBInstanceRoleQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBInstanceRoleQuotaExceededFault$, DBInstanceRoleQuotaExceededFault);
var DBLogFileNotFoundFault$ = [-3, n0, _DBLFNFF,
    { [_aQE]: [`DBLogFileNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBLogFileNotFoundFault$, DBLogFileNotFoundFault);
var DBParameterGroupAlreadyExistsFault$ = [-3, n0, _DBPGAEF,
    { [_aQE]: [`DBParameterGroupAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBParameterGroupAlreadyExistsFault$, DBParameterGroupAlreadyExistsFault);
var DBParameterGroupNotFoundFault$ = [-3, n0, _DBPGNFF,
    { [_aQE]: [`DBParameterGroupNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBParameterGroupNotFoundFault$, DBParameterGroupNotFoundFault);
var DBParameterGroupQuotaExceededFault$ = [-3, n0, _DBPGQEF,
    { [_aQE]: [`DBParameterGroupQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBParameterGroupQuotaExceededFault$, DBParameterGroupQuotaExceededFault);
var DBProxyAlreadyExistsFault$ = [-3, n0, _DBPAEF,
    { [_aQE]: [`DBProxyAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyAlreadyExistsFault$, DBProxyAlreadyExistsFault);
var DBProxyEndpointAlreadyExistsFault$ = [-3, n0, _DBPEAEF,
    { [_aQE]: [`DBProxyEndpointAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyEndpointAlreadyExistsFault$, DBProxyEndpointAlreadyExistsFault);
var DBProxyEndpointNotFoundFault$ = [-3, n0, _DBPENFF,
    { [_aQE]: [`DBProxyEndpointNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyEndpointNotFoundFault$, DBProxyEndpointNotFoundFault);
var DBProxyEndpointQuotaExceededFault$ = [-3, n0, _DBPEQEF,
    { [_aQE]: [`DBProxyEndpointQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyEndpointQuotaExceededFault$, DBProxyEndpointQuotaExceededFault);
var DBProxyNotFoundFault$ = [-3, n0, _DBPNFF,
    { [_aQE]: [`DBProxyNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyNotFoundFault$, DBProxyNotFoundFault);
var DBProxyQuotaExceededFault$ = [-3, n0, _DBPQEF,
    { [_aQE]: [`DBProxyQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyQuotaExceededFault$, DBProxyQuotaExceededFault);
var DBProxyTargetAlreadyRegisteredFault$ = [-3, n0, _DBPTARF,
    { [_aQE]: [`DBProxyTargetAlreadyRegisteredFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyTargetAlreadyRegisteredFault$, DBProxyTargetAlreadyRegisteredFault);
var DBProxyTargetGroupNotFoundFault$ = [-3, n0, _DBPTGNFF,
    { [_aQE]: [`DBProxyTargetGroupNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyTargetGroupNotFoundFault$, DBProxyTargetGroupNotFoundFault);
var DBProxyTargetNotFoundFault$ = [-3, n0, _DBPTNFF,
    { [_aQE]: [`DBProxyTargetNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBProxyTargetNotFoundFault$, DBProxyTargetNotFoundFault);
var DBSecurityGroupAlreadyExistsFault$ = [-3, n0, _DBSGAEF,
    { [_aQE]: [`DBSecurityGroupAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSecurityGroupAlreadyExistsFault$, DBSecurityGroupAlreadyExistsFault);
var DBSecurityGroupNotFoundFault$ = [-3, n0, _DBSGNFF,
    { [_aQE]: [`DBSecurityGroupNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBSecurityGroupNotFoundFault$, DBSecurityGroupNotFoundFault);
var DBSecurityGroupNotSupportedFault$ = [-3, n0, _DBSGNSF,
    { [_aQE]: [`DBSecurityGroupNotSupported`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSecurityGroupNotSupportedFault$, DBSecurityGroupNotSupportedFault);
var DBSecurityGroupQuotaExceededFault$ = [-3, n0, _DBSGQEF,
    { [_aQE]: [`QuotaExceeded.DBSecurityGroup`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSecurityGroupQuotaExceededFault$, DBSecurityGroupQuotaExceededFault);
var DBShardGroupAlreadyExistsFault$ = [-3, n0, _DBSGAEFh,
    { [_aQE]: [`DBShardGroupAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBShardGroupAlreadyExistsFault$, DBShardGroupAlreadyExistsFault);
var DBShardGroupNotFoundFault$ = [-3, n0, _DBSGNFFh,
    { [_aQE]: [`DBShardGroupNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBShardGroupNotFoundFault$, DBShardGroupNotFoundFault);
var DBSnapshotAlreadyExistsFault$ = [-3, n0, _DBSAEF,
    { [_aQE]: [`DBSnapshotAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSnapshotAlreadyExistsFault$, DBSnapshotAlreadyExistsFault);
var DBSnapshotNotFoundFault$ = [-3, n0, _DBSNFF,
    { [_aQE]: [`DBSnapshotNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBSnapshotNotFoundFault$, DBSnapshotNotFoundFault);
var DBSnapshotTenantDatabaseNotFoundFault$ = [-3, n0, _DBSTDNFF,
    { [_aQE]: [`DBSnapshotTenantDatabaseNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBSnapshotTenantDatabaseNotFoundFault$, DBSnapshotTenantDatabaseNotFoundFault);
var DBSubnetGroupAlreadyExistsFault$ = [-3, n0, _DBSGAEFu,
    { [_aQE]: [`DBSubnetGroupAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSubnetGroupAlreadyExistsFault$, DBSubnetGroupAlreadyExistsFault);
var DBSubnetGroupDoesNotCoverEnoughAZs$ = [-3, n0, _DBSGDNCEAZ,
    { [_aQE]: [`DBSubnetGroupDoesNotCoverEnoughAZs`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSubnetGroupDoesNotCoverEnoughAZs$, DBSubnetGroupDoesNotCoverEnoughAZs);
var DBSubnetGroupNotAllowedFault$ = [-3, n0, _DBSGNAF,
    { [_aQE]: [`DBSubnetGroupNotAllowedFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSubnetGroupNotAllowedFault$, DBSubnetGroupNotAllowedFault);
var DBSubnetGroupNotFoundFault$ = [-3, n0, _DBSGNFFu,
    { [_aQE]: [`DBSubnetGroupNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DBSubnetGroupNotFoundFault$, DBSubnetGroupNotFoundFault);
var DBSubnetGroupQuotaExceededFault$ = [-3, n0, _DBSGQEFu,
    { [_aQE]: [`DBSubnetGroupQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSubnetGroupQuotaExceededFault$, DBSubnetGroupQuotaExceededFault);
var DBSubnetQuotaExceededFault$ = [-3, n0, _DBSQEF,
    { [_aQE]: [`DBSubnetQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBSubnetQuotaExceededFault$, DBSubnetQuotaExceededFault);
var DBUpgradeDependencyFailureFault$ = [-3, n0, _DBUDFF,
    { [_aQE]: [`DBUpgradeDependencyFailure`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(DBUpgradeDependencyFailureFault$, DBUpgradeDependencyFailureFault);
var DomainNotFoundFault$ = [-3, n0, _DNFF,
    { [_aQE]: [`DomainNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DomainNotFoundFault$, DomainNotFoundFault);
var Ec2ImagePropertiesNotSupportedFault$ = [-3, n0, _EIPNSF,
    { [_aQE]: [`Ec2ImagePropertiesNotSupportedFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(Ec2ImagePropertiesNotSupportedFault$, Ec2ImagePropertiesNotSupportedFault);
var EventSubscriptionQuotaExceededFault$ = [-3, n0, _ESQEF,
    { [_aQE]: [`EventSubscriptionQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(EventSubscriptionQuotaExceededFault$, EventSubscriptionQuotaExceededFault);
var ExportTaskAlreadyExistsFault$ = [-3, n0, _ETAEF,
    { [_aQE]: [`ExportTaskAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ExportTaskAlreadyExistsFault$, ExportTaskAlreadyExistsFault);
var ExportTaskNotFoundFault$ = [-3, n0, _ETNFF,
    { [_aQE]: [`ExportTaskNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(ExportTaskNotFoundFault$, ExportTaskNotFoundFault);
var GlobalClusterAlreadyExistsFault$ = [-3, n0, _GCAEF,
    { [_aQE]: [`GlobalClusterAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(GlobalClusterAlreadyExistsFault$, GlobalClusterAlreadyExistsFault);
var GlobalClusterNotFoundFault$ = [-3, n0, _GCNFF,
    { [_aQE]: [`GlobalClusterNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(GlobalClusterNotFoundFault$, GlobalClusterNotFoundFault);
var GlobalClusterQuotaExceededFault$ = [-3, n0, _GCQEF,
    { [_aQE]: [`GlobalClusterQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(GlobalClusterQuotaExceededFault$, GlobalClusterQuotaExceededFault);
var IamRoleMissingPermissionsFault$ = [-3, n0, _IRMPF,
    { [_aQE]: [`IamRoleMissingPermissions`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(IamRoleMissingPermissionsFault$, IamRoleMissingPermissionsFault);
var IamRoleNotFoundFault$ = [-3, n0, _IRNFF,
    { [_aQE]: [`IamRoleNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(IamRoleNotFoundFault$, IamRoleNotFoundFault);
var InstanceQuotaExceededFault$ = [-3, n0, _IQEF,
    { [_aQE]: [`InstanceQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InstanceQuotaExceededFault$, InstanceQuotaExceededFault);
var InsufficientAvailableIPsInSubnetFault$ = [-3, n0, _IAIPISF,
    { [_aQE]: [`InsufficientAvailableIPsInSubnetFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InsufficientAvailableIPsInSubnetFault$, InsufficientAvailableIPsInSubnetFault);
var InsufficientDBClusterCapacityFault$ = [-3, n0, _IDBCCF,
    { [_aQE]: [`InsufficientDBClusterCapacityFault`, 403], [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(InsufficientDBClusterCapacityFault$, InsufficientDBClusterCapacityFault);
var InsufficientDBInstanceCapacityFault$ = [-3, n0, _IDBICF,
    { [_aQE]: [`InsufficientDBInstanceCapacity`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InsufficientDBInstanceCapacityFault$, InsufficientDBInstanceCapacityFault);
var InsufficientStorageClusterCapacityFault$ = [-3, n0, _ISCCF,
    { [_aQE]: [`InsufficientStorageClusterCapacity`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InsufficientStorageClusterCapacityFault$, InsufficientStorageClusterCapacityFault);
var IntegrationAlreadyExistsFault$ = [-3, n0, _IAEF,
    { [_aQE]: [`IntegrationAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(IntegrationAlreadyExistsFault$, IntegrationAlreadyExistsFault);
var IntegrationConflictOperationFault$ = [-3, n0, _ICOF,
    { [_aQE]: [`IntegrationConflictOperationFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(IntegrationConflictOperationFault$, IntegrationConflictOperationFault);
var IntegrationNotFoundFault$ = [-3, n0, _INFF,
    { [_aQE]: [`IntegrationNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(IntegrationNotFoundFault$, IntegrationNotFoundFault);
var IntegrationQuotaExceededFault$ = [-3, n0, _IQEFn,
    { [_aQE]: [`IntegrationQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(IntegrationQuotaExceededFault$, IntegrationQuotaExceededFault);
var InvalidBlueGreenDeploymentStateFault$ = [-3, n0, _IBGDSF,
    { [_aQE]: [`InvalidBlueGreenDeploymentStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidBlueGreenDeploymentStateFault$, InvalidBlueGreenDeploymentStateFault);
var InvalidCustomDBEngineVersionStateFault$ = [-3, n0, _ICDBEVSF,
    { [_aQE]: [`InvalidCustomDBEngineVersionStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidCustomDBEngineVersionStateFault$, InvalidCustomDBEngineVersionStateFault);
var InvalidDBCapacityReservationStateFault$ = [-3, n0, _IDBCRSF,
    { [_aQE]: [`InvalidDBCapacityReservationState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBCapacityReservationStateFault$, InvalidDBCapacityReservationStateFault);
var InvalidDBClusterAutomatedBackupStateFault$ = [-3, n0, _IDBCABSF,
    { [_aQE]: [`InvalidDBClusterAutomatedBackupStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBClusterAutomatedBackupStateFault$, InvalidDBClusterAutomatedBackupStateFault);
var InvalidDBClusterCapacityFault$ = [-3, n0, _IDBCCFn,
    { [_aQE]: [`InvalidDBClusterCapacityFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBClusterCapacityFault$, InvalidDBClusterCapacityFault);
var InvalidDBClusterEndpointStateFault$ = [-3, n0, _IDBCESF,
    { [_aQE]: [`InvalidDBClusterEndpointStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBClusterEndpointStateFault$, InvalidDBClusterEndpointStateFault);
var InvalidDBClusterSnapshotStateFault$ = [-3, n0, _IDBCSSF,
    { [_aQE]: [`InvalidDBClusterSnapshotStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBClusterSnapshotStateFault$, InvalidDBClusterSnapshotStateFault);
var InvalidDBClusterStateFault$ = [-3, n0, _IDBCSF,
    { [_aQE]: [`InvalidDBClusterStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBClusterStateFault$, InvalidDBClusterStateFault);
var InvalidDBInstanceAutomatedBackupStateFault$ = [-3, n0, _IDBIABSF,
    { [_aQE]: [`InvalidDBInstanceAutomatedBackupState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBInstanceAutomatedBackupStateFault$, InvalidDBInstanceAutomatedBackupStateFault);
var InvalidDBInstanceStateFault$ = [-3, n0, _IDBISF,
    { [_aQE]: [`InvalidDBInstanceState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBInstanceStateFault$, InvalidDBInstanceStateFault);
var InvalidDBParameterGroupStateFault$ = [-3, n0, _IDBPGSF,
    { [_aQE]: [`InvalidDBParameterGroupState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBParameterGroupStateFault$, InvalidDBParameterGroupStateFault);
var InvalidDBProxyEndpointStateFault$ = [-3, n0, _IDBPESF,
    { [_aQE]: [`InvalidDBProxyEndpointStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBProxyEndpointStateFault$, InvalidDBProxyEndpointStateFault);
var InvalidDBProxyStateFault$ = [-3, n0, _IDBPSF,
    { [_aQE]: [`InvalidDBProxyStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBProxyStateFault$, InvalidDBProxyStateFault);
var InvalidDBSecurityGroupStateFault$ = [-3, n0, _IDBSGSF,
    { [_aQE]: [`InvalidDBSecurityGroupState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBSecurityGroupStateFault$, InvalidDBSecurityGroupStateFault);
var InvalidDBShardGroupStateFault$ = [-3, n0, _IDBSGSFn,
    { [_aQE]: [`InvalidDBShardGroupState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBShardGroupStateFault$, InvalidDBShardGroupStateFault);
var InvalidDBSnapshotStateFault$ = [-3, n0, _IDBSSF,
    { [_aQE]: [`InvalidDBSnapshotState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBSnapshotStateFault$, InvalidDBSnapshotStateFault);
var InvalidDBSubnetGroupFault$ = [-3, n0, _IDBSGF,
    { [_aQE]: [`InvalidDBSubnetGroupFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBSubnetGroupFault$, InvalidDBSubnetGroupFault);
var InvalidDBSubnetGroupStateFault$ = [-3, n0, _IDBSGSFnv,
    { [_aQE]: [`InvalidDBSubnetGroupStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBSubnetGroupStateFault$, InvalidDBSubnetGroupStateFault);
var InvalidDBSubnetStateFault$ = [-3, n0, _IDBSSFn,
    { [_aQE]: [`InvalidDBSubnetStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDBSubnetStateFault$, InvalidDBSubnetStateFault);
var InvalidEventSubscriptionStateFault$ = [-3, n0, _IESSF,
    { [_aQE]: [`InvalidEventSubscriptionState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidEventSubscriptionStateFault$, InvalidEventSubscriptionStateFault);
var InvalidExportOnlyFault$ = [-3, n0, _IEOF,
    { [_aQE]: [`InvalidExportOnly`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidExportOnlyFault$, InvalidExportOnlyFault);
var InvalidExportSourceStateFault$ = [-3, n0, _IESSFn,
    { [_aQE]: [`InvalidExportSourceState`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidExportSourceStateFault$, InvalidExportSourceStateFault);
var InvalidExportTaskStateFault$ = [-3, n0, _IETSF,
    { [_aQE]: [`InvalidExportTaskStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidExportTaskStateFault$, InvalidExportTaskStateFault);
var InvalidGlobalClusterStateFault$ = [-3, n0, _IGCSF,
    { [_aQE]: [`InvalidGlobalClusterStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidGlobalClusterStateFault$, InvalidGlobalClusterStateFault);
var InvalidIntegrationStateFault$ = [-3, n0, _IISF,
    { [_aQE]: [`InvalidIntegrationStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidIntegrationStateFault$, InvalidIntegrationStateFault);
var InvalidOptionGroupStateFault$ = [-3, n0, _IOGSF,
    { [_aQE]: [`InvalidOptionGroupStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidOptionGroupStateFault$, InvalidOptionGroupStateFault);
var InvalidResourceStateFault$ = [-3, n0, _IRSF,
    { [_aQE]: [`InvalidResourceStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidResourceStateFault$, InvalidResourceStateFault);
var InvalidRestoreFault$ = [-3, n0, _IRF,
    { [_aQE]: [`InvalidRestoreFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidRestoreFault$, InvalidRestoreFault);
var InvalidS3BucketFault$ = [-3, n0, _ISBF,
    { [_aQE]: [`InvalidS3BucketFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidS3BucketFault$, InvalidS3BucketFault);
var InvalidSubnet$ = [-3, n0, _IS,
    { [_aQE]: [`InvalidSubnet`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidSubnet$, InvalidSubnet);
var InvalidVPCNetworkStateFault$ = [-3, n0, _IVPCNSF,
    { [_aQE]: [`InvalidVPCNetworkStateFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidVPCNetworkStateFault$, InvalidVPCNetworkStateFault);
var KMSKeyNotAccessibleFault$ = [-3, n0, _KMSKNAF,
    { [_aQE]: [`KMSKeyNotAccessibleFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(KMSKeyNotAccessibleFault$, KMSKeyNotAccessibleFault);
var MaxDBShardGroupLimitReached$ = [-3, n0, _MDBSGLR,
    { [_aQE]: [`MaxDBShardGroupLimitReached`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(MaxDBShardGroupLimitReached$, MaxDBShardGroupLimitReached);
var NetworkTypeNotSupported$ = [-3, n0, _NTNS,
    { [_aQE]: [`NetworkTypeNotSupported`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(NetworkTypeNotSupported$, NetworkTypeNotSupported);
var OptionGroupAlreadyExistsFault$ = [-3, n0, _OGAEF,
    { [_aQE]: [`OptionGroupAlreadyExistsFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(OptionGroupAlreadyExistsFault$, OptionGroupAlreadyExistsFault);
var OptionGroupNotFoundFault$ = [-3, n0, _OGNFF,
    { [_aQE]: [`OptionGroupNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(OptionGroupNotFoundFault$, OptionGroupNotFoundFault);
var OptionGroupQuotaExceededFault$ = [-3, n0, _OGQEF,
    { [_aQE]: [`OptionGroupQuotaExceededFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(OptionGroupQuotaExceededFault$, OptionGroupQuotaExceededFault);
var PointInTimeRestoreNotEnabledFault$ = [-3, n0, _PITRNEF,
    { [_aQE]: [`PointInTimeRestoreNotEnabled`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(PointInTimeRestoreNotEnabledFault$, PointInTimeRestoreNotEnabledFault);
var ProvisionedIopsNotAvailableInAZFault$ = [-3, n0, _PINAIAZF,
    { [_aQE]: [`ProvisionedIopsNotAvailableInAZFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ProvisionedIopsNotAvailableInAZFault$, ProvisionedIopsNotAvailableInAZFault);
var ReservedDBInstanceAlreadyExistsFault$ = [-3, n0, _RDBIAEF,
    { [_aQE]: [`ReservedDBInstanceAlreadyExists`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(ReservedDBInstanceAlreadyExistsFault$, ReservedDBInstanceAlreadyExistsFault);
var ReservedDBInstanceNotFoundFault$ = [-3, n0, _RDBINFF,
    { [_aQE]: [`ReservedDBInstanceNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(ReservedDBInstanceNotFoundFault$, ReservedDBInstanceNotFoundFault);
var ReservedDBInstanceQuotaExceededFault$ = [-3, n0, _RDBIQEF,
    { [_aQE]: [`ReservedDBInstanceQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ReservedDBInstanceQuotaExceededFault$, ReservedDBInstanceQuotaExceededFault);
var ReservedDBInstancesOfferingNotFoundFault$ = [-3, n0, _RDBIONFF,
    { [_aQE]: [`ReservedDBInstancesOfferingNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(ReservedDBInstancesOfferingNotFoundFault$, ReservedDBInstancesOfferingNotFoundFault);
var ResourceNotFoundFault$ = [-3, n0, _RNFF,
    { [_aQE]: [`ResourceNotFoundFault`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(ResourceNotFoundFault$, ResourceNotFoundFault);
var SharedSnapshotQuotaExceededFault$ = [-3, n0, _SSQEF,
    { [_aQE]: [`SharedSnapshotQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SharedSnapshotQuotaExceededFault$, SharedSnapshotQuotaExceededFault);
var SnapshotQuotaExceededFault$ = [-3, n0, _SQEF,
    { [_aQE]: [`SnapshotQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SnapshotQuotaExceededFault$, SnapshotQuotaExceededFault);
var SNSInvalidTopicFault$ = [-3, n0, _SNSITF,
    { [_aQE]: [`SNSInvalidTopic`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SNSInvalidTopicFault$, SNSInvalidTopicFault);
var SNSNoAuthorizationFault$ = [-3, n0, _SNSNAF,
    { [_aQE]: [`SNSNoAuthorization`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SNSNoAuthorizationFault$, SNSNoAuthorizationFault);
var SNSTopicArnNotFoundFault$ = [-3, n0, _SNSTANFF,
    { [_aQE]: [`SNSTopicArnNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(SNSTopicArnNotFoundFault$, SNSTopicArnNotFoundFault);
var SourceClusterNotSupportedFault$ = [-3, n0, _SCNSF,
    { [_aQE]: [`SourceClusterNotSupportedFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SourceClusterNotSupportedFault$, SourceClusterNotSupportedFault);
var SourceDatabaseNotSupportedFault$ = [-3, n0, _SDNSF,
    { [_aQE]: [`SourceDatabaseNotSupportedFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SourceDatabaseNotSupportedFault$, SourceDatabaseNotSupportedFault);
var SourceNotFoundFault$ = [-3, n0, _SNFF,
    { [_aQE]: [`SourceNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(SourceNotFoundFault$, SourceNotFoundFault);
var StorageQuotaExceededFault$ = [-3, n0, _SQEFt,
    { [_aQE]: [`StorageQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(StorageQuotaExceededFault$, StorageQuotaExceededFault);
var StorageTypeNotAvailableFault$ = [-3, n0, _STNAF,
    { [_aQE]: [`StorageTypeNotAvailableFault`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(StorageTypeNotAvailableFault$, StorageTypeNotAvailableFault);
var StorageTypeNotSupportedFault$ = [-3, n0, _STNSF,
    { [_aQE]: [`StorageTypeNotSupported`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(StorageTypeNotSupportedFault$, StorageTypeNotSupportedFault);
var SubnetAlreadyInUse$ = [-3, n0, _SAIU,
    { [_aQE]: [`SubnetAlreadyInUse`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SubnetAlreadyInUse$, SubnetAlreadyInUse);
var SubscriptionAlreadyExistFault$ = [-3, n0, _SAEF,
    { [_aQE]: [`SubscriptionAlreadyExist`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(SubscriptionAlreadyExistFault$, SubscriptionAlreadyExistFault);
var SubscriptionCategoryNotFoundFault$ = [-3, n0, _SCNFF,
    { [_aQE]: [`SubscriptionCategoryNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(SubscriptionCategoryNotFoundFault$, SubscriptionCategoryNotFoundFault);
var SubscriptionNotFoundFault$ = [-3, n0, _SNFFu,
    { [_aQE]: [`SubscriptionNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(SubscriptionNotFoundFault$, SubscriptionNotFoundFault);
var TenantDatabaseAlreadyExistsFault$ = [-3, n0, _TDAEF,
    { [_aQE]: [`TenantDatabaseAlreadyExists`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TenantDatabaseAlreadyExistsFault$, TenantDatabaseAlreadyExistsFault);
var TenantDatabaseNotFoundFault$ = [-3, n0, _TDNFF,
    { [_aQE]: [`TenantDatabaseNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(TenantDatabaseNotFoundFault$, TenantDatabaseNotFoundFault);
var TenantDatabaseQuotaExceededFault$ = [-3, n0, _TDQEF,
    { [_aQE]: [`TenantDatabaseQuotaExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(TenantDatabaseQuotaExceededFault$, TenantDatabaseQuotaExceededFault);
var UnsupportedDBEngineVersionFault$ = [-3, n0, _UDBEVF,
    { [_aQE]: [`UnsupportedDBEngineVersion`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(UnsupportedDBEngineVersionFault$, UnsupportedDBEngineVersionFault);
var VpcEncryptionControlViolationException$ = [-3, n0, _VECVE,
    { [_aQE]: [`VpcEncryptionControlViolationException`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(VpcEncryptionControlViolationException$, VpcEncryptionControlViolationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var DescribeEventsMessage$ = [3, n0, _DEM,
    0,
    [_SI, _STo, _STtar, _ETn, _Du, _EC, _Fi, _MR, _Ma],
    [0, 0, 4, 4, 1, [() => EventCategoriesList, 0], [() => FilterList, 0], 1, 0]
];
var Event$ = [3, n0, _Ev,
    0,
    [_SI, _STo, _Me, _EC, _Da, _SA],
    [0, 0, 0, [() => EventCategoriesList, 0], 4, 0]
];
var EventsMessage$ = [3, n0, _EMv,
    0,
    [_Ma, _Eve],
    [0, [() => EventList, 0]]
];
var Filter$ = [3, n0, _Fil,
    0,
    [_N, _Va],
    [0, [() => FilterValueList, 0]], 2
];
var EventCategoriesList = [1, n0, _ECL,
    0, [0,
        { [_xN]: _ECv }]
];
var EventList = [1, n0, _EL,
    0, [() => Event$,
        { [_xN]: _Ev }]
];
var FilterList = [1, n0, _FL,
    0, [() => Filter$,
        { [_xN]: _Fil }]
];
var FilterValueList = [1, n0, _FVL,
    0, [0,
        { [_xN]: _V }]
];
var DescribeEvents$ = [9, n0, _DE,
    0, () => DescribeEventsMessage$, () => EventsMessage$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2014-10-31",
        base64Decoder: config?.base64Decoder ?? index.fromBase64,
        base64Encoder: config?.base64Encoder ?? index.toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultRDSHttpAuthSchemeProvider,
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
            defaultNamespace: "com.amazonaws.rds",
            errorTypeRegistries,
            xmlNamespace: "http://rds.amazonaws.com/doc/2014-10-31/",
            version: "2014-10-31",
            serviceTarget: "AmazonRDSv19",
        },
        serviceId: config?.serviceId ?? "RDS",
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
        defaultSocketTimeout: index.getDefaultSocketTimeout(config?.requestHandler, 900_000),
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

class RDSClient extends index.Client {
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
            httpAuthSchemeParametersProvider: defaultRDSHttpAuthSchemeParametersProvider,
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

const command = index.makeBuilder(commonParams, "AmazonRDSv19", "RDSClient", index.getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class DescribeEventsCommand extends command(_ep0, _mw0, "DescribeEvents", DescribeEvents$) {
}

/** RDS pages events 100 at a time; a database's create or failure fits in far fewer. */
const MAX_PAGES = 3;
function createRdsReader(settings) {
    const rds = new RDSClient(index.commonConfig(settings));
    return {
        async events(sourceType, id, startMs, endMs) {
            const events = [];
            let marker;
            for (let page = 0; page < MAX_PAGES; page++) {
                const reply = await gap.read('rds:DescribeEvents', () => rds.send(new DescribeEventsCommand({
                    SourceType: sourceType,
                    SourceIdentifier: id,
                    StartTime: new Date(startMs),
                    EndTime: new Date(Math.max(endMs, startMs + 1000)),
                    MaxRecords: 100,
                    ...(marker ? { Marker: marker } : {})
                })));
                for (const event of reply.Events ?? [])
                    events.push({
                        time: event.Date?.getTime() ?? 0,
                        message: event.Message ?? '',
                        categories: event.EventCategories ?? []
                    });
                marker = reply.Marker;
                if (!marker)
                    break;
            }
            return events;
        }
    };
}

exports.createRdsReader = createRdsReader;
