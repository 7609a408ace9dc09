export const id = 380;
export const ids = [380];
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

/***/ 8380:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createRdsReader: () => (/* binding */ createRdsReader)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_rds__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7202);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _gap_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(175);



/** RDS pages events 100 at a time; a database's create or failure fits in far fewer. */
const MAX_PAGES = 3;
function createRdsReader(settings) {
    const rds = new _aws_sdk_client_rds__WEBPACK_IMPORTED_MODULE_2__/* .RDSClient */ .rYe((0,_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .commonConfig */ .E8)(settings));
    return {
        async events(sourceType, id, startMs, endMs) {
            const events = [];
            let marker;
            for (let page = 0; page < MAX_PAGES; page++) {
                const reply = await (0,_gap_js__WEBPACK_IMPORTED_MODULE_1__/* .read */ .L)('rds:DescribeEvents', () => rds.send(new _aws_sdk_client_rds__WEBPACK_IMPORTED_MODULE_2__/* .DescribeEventsCommand */ .w6x({
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


/***/ })

};
