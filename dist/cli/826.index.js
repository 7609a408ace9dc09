export const id = 826;
export const ids = [826];
export const modules = {

/***/ 7826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createEcsReader: () => (/* binding */ createEcsReader)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(212);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _gap_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(175);



const ms = (date) => (date ? { value: date.getTime() } : undefined);
/** ECS through the SDK: the few fields the evidence rules read, converted once here. */
function createEcsReader(settings) {
    const ecs = new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ECSClient */ .Zgc((0,_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .commonConfig */ .E8)(settings));
    return {
        async describeService(cluster, service) {
            const reply = await (0,_gap_js__WEBPACK_IMPORTED_MODULE_1__/* .read */ .L)('ecs:DescribeServices', () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeServicesCommand */ .H7c({ cluster, services: [service] })));
            const found = reply.services?.[0];
            return found ? toServiceView(found) : undefined;
        },
        async stoppedTasks(cluster, service, limit) {
            const listed = await (0,_gap_js__WEBPACK_IMPORTED_MODULE_1__/* .read */ .L)('ecs:ListTasks', () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ListTasksCommand */ .MYg({ cluster, serviceName: service, desiredStatus: 'STOPPED', maxResults: limit })));
            const arns = listed.taskArns ?? [];
            if (arns.length === 0)
                return [];
            const described = await (0,_gap_js__WEBPACK_IMPORTED_MODULE_1__/* .read */ .L)('ecs:DescribeTasks', () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeTasksCommand */ .z8X({ cluster, tasks: arns.slice(0, 100) })));
            return (described.tasks ?? []).map(toTaskView);
        },
        async containerLogs(taskDefinition) {
            const reply = await (0,_gap_js__WEBPACK_IMPORTED_MODULE_1__/* .read */ .L)('ecs:DescribeTaskDefinition', () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeTaskDefinitionCommand */ .Zy$({ taskDefinition })));
            // Only names and log options are copied: environment and secrets never leave the SDK reply.
            return (reply.taskDefinition?.containerDefinitions ?? []).map(container => {
                const options = container.logConfiguration?.options ?? {};
                return {
                    containerName: container.name ?? '',
                    essential: container.essential !== false,
                    ...(container.logConfiguration?.logDriver
                        ? { logDriver: container.logConfiguration.logDriver }
                        : {}),
                    ...(container.logConfiguration?.logDriver === 'awslogs' && options['awslogs-group']
                        ? {
                            group: options['awslogs-group'],
                            ...(options['awslogs-region'] ? { region: options['awslogs-region'] } : {}),
                            ...(options['awslogs-stream-prefix']
                                ? { streamPrefix: options['awslogs-stream-prefix'] }
                                : {})
                        }
                        : {})
                };
            });
        }
    };
}
function toServiceView(service) {
    return {
        serviceArn: service.serviceArn ?? '',
        serviceName: service.serviceName ?? '',
        status: service.status ?? 'UNKNOWN',
        desiredCount: service.desiredCount ?? 0,
        runningCount: service.runningCount ?? 0,
        pendingCount: service.pendingCount ?? 0,
        deployments: (service.deployments ?? []).map(deployment => ({
            id: deployment.id ?? '',
            status: deployment.status ?? '',
            ...(deployment.taskDefinition ? { taskDefinition: deployment.taskDefinition } : {}),
            desiredCount: deployment.desiredCount ?? 0,
            runningCount: deployment.runningCount ?? 0,
            pendingCount: deployment.pendingCount ?? 0,
            failedTasks: deployment.failedTasks ?? 0,
            ...(deployment.rolloutState ? { rolloutState: deployment.rolloutState } : {}),
            ...(deployment.rolloutStateReason ? { rolloutStateReason: deployment.rolloutStateReason } : {})
        })),
        events: (service.events ?? []).map(event => ({
            createdAt: event.createdAt?.getTime() ?? 0,
            message: event.message ?? ''
        })),
        targetGroupArns: (service.loadBalancers ?? []).flatMap(lb => lb.targetGroupArn ? [lb.targetGroupArn] : [])
    };
}
function toTaskView(task) {
    const startedAt = ms(task.startedAt);
    const stoppedAt = ms(task.stoppedAt);
    return {
        taskArn: task.taskArn ?? '',
        ...(task.taskDefinitionArn ? { taskDefinitionArn: task.taskDefinitionArn } : {}),
        ...(task.startedBy ? { startedBy: task.startedBy } : {}),
        ...(task.stopCode ? { stopCode: task.stopCode } : {}),
        ...(task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
        ...(startedAt ? { startedAt: startedAt.value } : {}),
        ...(stoppedAt ? { stoppedAt: stoppedAt.value } : {}),
        ...(task.healthStatus ? { healthStatus: task.healthStatus } : {}),
        containers: (task.containers ?? []).map(container => ({
            name: container.name ?? '',
            ...(container.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
            ...(container.reason ? { reason: container.reason } : {}),
            ...(container.healthStatus ? { healthStatus: container.healthStatus } : {})
        }))
    };
}


/***/ }),

/***/ 175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ read)
/* harmony export */ });
/* harmony import */ var _core_evidence_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5704);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);


const NOT_FOUND = /ResourceNotFound|NotFound|ClusterNotFoundException|ServiceNotFoundException|DBInstanceNotFound|DBClusterNotFound/;
/** Runs one SDK call; a denied permission or a vanished resource becomes an EvidenceGap naming the IAM action. */
async function read(permission, call) {
    try {
        return await call();
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isAccessDenied */ .w7)(error))
            throw new _core_evidence_types_js__WEBPACK_IMPORTED_MODULE_0__/* .EvidenceGap */ .k('denied', permission, (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsErrorMessage */ .X_)(error));
        if (NOT_FOUND.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsErrorName */ .ZH)(error)))
            throw new _core_evidence_types_js__WEBPACK_IMPORTED_MODULE_0__/* .EvidenceGap */ .k('not-found', permission, (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsErrorMessage */ .X_)(error));
        throw error;
    }
}


/***/ })

};
