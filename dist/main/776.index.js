export const id = 776;
export const ids = [776];
export const modules = {

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


/***/ }),

/***/ 5776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createLogsReader: () => (/* binding */ createLogsReader)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(303);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _gap_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(175);



/** A group search reads at most this many pages (the matches, not the group, are paged). */
const MAX_FILTER_PAGES = 5;
function createLogsReader(settings) {
    const logs = new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .CloudWatchLogsClient */ .TFr((0,_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .commonConfig */ .E8)(settings));
    return {
        async recentLines({ group, stream, startMs, endMs, pattern, limit }) {
            if (stream) {
                // From the stream's end: the lines just before the task or function died.
                const reply = await (0,_gap_js__WEBPACK_IMPORTED_MODULE_1__/* .read */ .L)('logs:GetLogEvents', () => logs.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .GetLogEventsCommand */ .h7S({
                    logGroupName: group,
                    logStreamName: stream,
                    startTime: startMs,
                    endTime: endMs,
                    startFromHead: false,
                    limit
                })));
                return (reply.events ?? []).map(event => ({
                    timestamp: event.timestamp ?? 0,
                    message: event.message ?? '',
                    stream
                }));
            }
            const lines = [];
            let nextToken;
            for (let page = 0; page < MAX_FILTER_PAGES; page++) {
                const reply = await (0,_gap_js__WEBPACK_IMPORTED_MODULE_1__/* .read */ .L)('logs:FilterLogEvents', () => logs.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .FilterLogEventsCommand */ .nsW({
                    logGroupName: group,
                    startTime: startMs,
                    endTime: endMs,
                    filterPattern: pattern,
                    limit,
                    ...(nextToken ? { nextToken } : {})
                })));
                for (const event of reply.events ?? [])
                    lines.push({
                        timestamp: event.timestamp ?? 0,
                        message: event.message ?? '',
                        ...(event.logStreamName ? { stream: event.logStreamName } : {})
                    });
                nextToken = reply.nextToken;
                if (!nextToken)
                    break;
            }
            return lines.sort((a, b) => a.timestamp - b.timestamp).slice(-limit);
        }
    };
}


/***/ })

};
