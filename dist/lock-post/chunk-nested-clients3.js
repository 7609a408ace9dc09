'use strict';

class NoAuthSigner {
    async sign(httpRequest, identity, signingProperties) {
        return httpRequest;
    }
}

var version = "3.998.3";
const packageInfo = {
	version: version};

exports.NoAuthSigner = NoAuthSigner;
exports.packageInfo = packageInfo;
