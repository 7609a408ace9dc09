// Builds every entry point in src/entries with ncc into dist/<entry>/index.js (minified, with licenses).
// `--check` builds in memory and fails when dist/ differs from a fresh bundle of src/ (CI's check-dist).
import ncc from '@vercel/ncc'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { join, basename } from 'node:path'

const check = process.argv.includes('--check')
const only = process.argv.slice(2).filter(arg => !arg.startsWith('--'))
const entries = readdirSync('src/entries')
  .filter(file => file.endsWith('.ts'))
  .map(file => basename(file, '.ts'))
  .filter(entry => only.length === 0 || only.includes(entry))

async function build(entry) {
  const { code, assets } = await ncc(join(process.cwd(), 'src/entries', `${entry}.ts`), {
    minify: true,
    license: 'licenses.txt',
    quiet: true,
    sourceMap: false
  })
  const files = { 'index.js': entry === 'cli' ? `#!/usr/bin/env node\n${code.replace(/^#!.*\n/, '')}` : code }
  for (const [name, asset] of Object.entries(assets)) files[name] = asset.source.toString()
  return files
}

const differences = []
for (const entry of entries) {
  const files = await build(entry)
  const dir = join('dist', entry)
  if (check) {
    const onDisk = existsSync(dir) ? readdirSync(dir) : []
    for (const name of new Set([...onDisk, ...Object.keys(files)])) {
      const committed = existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined
      if (committed !== files[name]) differences.push(join(dir, name))
    }
  } else {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(dir, name), content, {
        mode: entry === 'cli' && name === 'index.js' ? 0o755 : 0o644
      })
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
