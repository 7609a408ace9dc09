'use strict';

const fs = require('node:fs/promises');
const node_crypto = require('node:crypto');
const node_path = require('node:path');
const index = require('./index.js');

const getSSOTokenFilepath = (id) => {
    const hasher = node_crypto.createHash("sha1");
    const cacheName = hasher.update(id).digest("hex");
    return node_path.join(index.getHomeDir(), ".aws", "sso", "cache", `${cacheName}.json`);
};

const tokenIntercept = {};
const getSSOTokenFromFile = async (id) => {
    if (tokenIntercept[id]) {
        return tokenIntercept[id];
    }
    const ssoTokenFilepath = getSSOTokenFilepath(id);
    const ssoTokenText = await fs.readFile(ssoTokenFilepath, "utf8");
    return JSON.parse(ssoTokenText);
};

exports.getSSOTokenFilepath = getSSOTokenFilepath;
exports.getSSOTokenFromFile = getSSOTokenFromFile;
exports.tokenIntercept = tokenIntercept;
