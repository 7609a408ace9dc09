'use strict';

Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });

const index = require('./index.js');
require('node:https');
require('node:stream');
require('node:path');
require('node:os');
require('node:fs/promises');
require('node:crypto');
require('node:fs');
require('node:process');
require('os');
require('crypto');
require('fs');
require('path');
require('node:child_process');



exports.ENV_ACCOUNT_ID = index.ENV_ACCOUNT_ID;
exports.ENV_CREDENTIAL_SCOPE = index.ENV_CREDENTIAL_SCOPE;
exports.ENV_EXPIRATION = index.ENV_EXPIRATION;
exports.ENV_KEY = index.ENV_KEY;
exports.ENV_SECRET = index.ENV_SECRET;
exports.ENV_SESSION = index.ENV_SESSION;
exports.fromEnv = index.fromEnv;
