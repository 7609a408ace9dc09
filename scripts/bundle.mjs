// Builds every entry point in src/entries with Rollup (rollup.config.mjs) into dist/<entry>/: index.js, its lazily
// loaded chunks, licenses.txt and a package.json marking the folder CommonJS (the repository is "type": "module").
// `--check` builds in memory and fails when dist/ differs from a fresh bundle of src/ (CI's check-dist).
// Further arguments pick entries (`npm run bundle -- main lock`); `--minify` runs terser (see rollup.config.mjs for why it is off).
import { rollup } from 'rollup'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { rollupOptions } from '../rollup.config.mjs'

const check = process.argv.includes('--check')
const minify = process.argv.includes('--minify')
const only = process.argv.slice(2).filter(arg => !arg.startsWith('--'))
const entries = readdirSync('src/entries')
  .filter(file => file.endsWith('.ts'))
  .map(file => basename(file, '.ts'))
  .filter(entry => only.length === 0 || only.includes(entry))

const PACKAGE_JSON = `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`

let cache
/** The files of dist/<entry>/ by name, with the mode each is written with. */
async function build(entry) {
  const { input, output } = rollupOptions(entry, { minify })
  const bundle = await rollup({ ...input, cache })
  cache = bundle.cache
  const { output: generated } = await bundle.generate(output)
  await bundle.close()
  const files = { 'package.json': { content: PACKAGE_JSON, mode: 0o644 } }
  for (const file of generated) {
    const content = file.type === 'chunk' ? file.code : String(file.source)
    const executable = entry === 'cli' && file.fileName === 'index.js'
    files[file.fileName] = { content, mode: executable ? 0o755 : 0o644 }
  }
  return files
}

const differences = []
for (const entry of entries) {
  const files = await build(entry)
  const dir = join('dist', entry)
  if (check) {
    const onDisk = existsSync(dir) ? readdirSync(dir) : []
    for (const name of new Set([...onDisk, ...Object.keys(files)])) {
      const path = join(dir, name)
      const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined
      if (committed !== files[name]?.content) differences.push(path)
      else if ((statSync(path).mode & 0o111) !== (files[name].mode & 0o111))
        differences.push(`${path} (mode)`)
    }
  } else {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    for (const [name, { content, mode }] of Object.entries(files))
      writeFileSync(join(dir, name), content, { mode })
  }
}
if (check) {
  const stale = existsSync('dist') ? readdirSync('dist').filter(dir => !entries.includes(dir)) : []
  if (only.length === 0) differences.push(...stale.map(dir => join('dist', dir)))
  if (differences.length > 0) {
    console.error(
      `dist/ does not match a fresh bundle of src/: ${differences.join(', ')}. Run \`npm run bundle\` and commit dist/.`
    )
    process.exit(1)
  }
  console.log(`dist/ matches a fresh bundle of src/ (${entries.length} entry points).`)
} else {
  console.log(`Bundled ${entries.length} entry points into dist/.`)
}
