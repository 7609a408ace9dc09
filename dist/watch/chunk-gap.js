'use strict';

const index = require('./index.js');

const NOT_FOUND = /ResourceNotFound|NotFound|ClusterNotFoundException|ServiceNotFoundException|DBInstanceNotFound|DBClusterNotFound/;
/** Runs one SDK call; a denied permission or a vanished resource becomes an EvidenceGap naming the IAM action. */
async function read(permission, call) {
    try {
        return await call();
    }
    catch (error) {
        if (index.isAccessDenied(error))
            throw new index.EvidenceGap('denied', permission, index.awsErrorMessage(error));
        if (NOT_FOUND.test(index.awsErrorName(error)))
            throw new index.EvidenceGap('not-found', permission, index.awsErrorMessage(error));
        throw error;
    }
}

exports.read = read;
