#!/usr/bin/env node
'use strict'
// The installed `deploy-guard` command. It checks the Node version before anything else loads — the bundled AWS SDK
// would otherwise print its own seven-line warning on Node 20 (end of life since April 2026), and its releases from
// January 2027 need Node 22 — then starts the bundled CLI. Kept to syntax every Node since 8 parses.
var path = require('path')
var engines = require(path.join(__dirname, '..', 'package.json')).engines.node
var minimum = Number(/\d+/.exec(engines)[0])
var major = Number(process.versions.node.split('.')[0])
if (major < minimum) {
  process.stderr.write(
    'deploy-guard needs Node.js ' +
      minimum +
      ' or later (package.json engines: ' +
      engines +
      '); this is Node.js ' +
      process.versions.node +
      ' at ' +
      process.execPath +
      '. Install Node.js ' +
      minimum +
      ' or 24 and run it again.\n'
  )
  process.exit(2)
}
import(require('url').pathToFileURL(path.join(__dirname, '..', 'dist', 'cli', 'index.js')).href).catch(
  function (error) {
    process.stderr.write(
      'deploy-guard could not start: ' + (error && error.message ? error.message : String(error)) + '\n'
    )
    process.exit(1)
  }
)
