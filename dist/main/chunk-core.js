'use strict';

const getSSOTokenFromFile = require('./chunk-core2.js');
const index = require('./index.js');

const externalDataInterceptor = {
    getFileRecord() {
        return index.fileIntercept;
    },
    interceptFile(path, contents) {
        index.fileIntercept[path] = Promise.resolve(contents);
    },
    getTokenRecord() {
        return getSSOTokenFromFile.tokenIntercept;
    },
    interceptToken(id, contents) {
        getSSOTokenFromFile.tokenIntercept[id] = contents;
    },
};

exports.externalDataInterceptor = externalDataInterceptor;
