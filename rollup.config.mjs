// Rollup options for one entry point (src/entries/<entry>.ts → dist/<entry>/), used by scripts/bundle.mjs.
// CommonJS output: Node loads built-ins through `require` far more cheaply than through ESM `import` (an ESM import
// of node:http alone costs ~30 ms on Node 24), and CJS chunks load synchronously with no module-graph linking.
// The AWS SDK is resolved to its ES module builds (`module` condition/field), so Rollup tree-shakes the commands,
// protocols and built-ins a client never uses. Each entry is built on its own so every action folder is
// self-contained; its dynamic imports become chunks beside index.js.
import { builtinModules } from 'node:module'
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import ts from 'typescript'
import license from 'rollup-plugin-license'

const builtins = new Set(builtinModules)
const isBuiltin = id => id.startsWith('node:') || builtins.has(id) || builtins.has(id.split('/')[0])

/**
 * Packages whose top-level code has no effect the program relies on: only what is used from them is kept.
 * `@actions/core` imports `@actions/http-client` (undici, tunnel) for OIDC tokens and `@actions/exec` for
 * platform details; deploy-guard asks for neither, so neither is bundled.
 */
const PURE_PACKAGES = /[\\/]node_modules[\\/](@actions[\\/](http-client|exec|io)|undici|tunnel)[\\/]/

/**
 * Compiles src/**.ts one file at a time with the project's TypeScript (types are checked by `npm run typecheck`,
 * not here: a whole-program build per entry cost ~20 s of CPU each) and maps the sources' `.js` import suffixes
 * onto their `.ts` files.
 */
function typescriptSources() {
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    isolatedModules: true
  }
  return {
    name: 'typescript-sources',
    async resolveId(source, importer, options) {
      if (!importer?.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null
      return this.resolve(`${source.slice(0, -3)}.ts`, importer, { ...options, skipSelf: true })
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) return null
      const { outputText } = ts.transpileModule(code, { compilerOptions, fileName: id })
      return { code: outputText, map: null }
    }
  }
}

/** The licenses.txt format ncc wrote: name, license, text, one blank line between packages; sorted for reproducibility. */
function licensesFile() {
  let dependencies = []
  return [
    license({ thirdParty: { includePrivate: false, output: found => (dependencies = found) } }),
    {
      name: 'licenses-file',
      generateBundle() {
        const seen = new Set()
        const text = dependencies
          .filter(dependency => !seen.has(dependency.name) && seen.add(dependency.name))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
          .map(dependency =>
            [dependency.name, dependency.license ?? '', (dependency.licenseText ?? '').trim()].join('\n')
          )
          .join('\n\n')
        this.emitFile({ type: 'asset', fileName: 'licenses.txt', source: `${text}\n` })
      }
    }
  ]
}

/**
 * Every import of a built-in gets the `require`d module object itself (output.interop 'esModule'), never a copy:
 * Rollup's CommonJS interop copies every property into a namespace object, and copying runs lazy getters —
 * `crypto.webcrypto` loads Node's web crypto, `http.WebSocket` (Node 22+) loads undici — which made undici the
 * largest single cost of starting dist/main. So `import x from 'os'` is rewritten to `import * as x from 'os'`
 * (for a built-in both name the module object) and namespace imports, static or dynamic, need no interop.
 */
function builtinsAsModuleObjects() {
  const defaultImport = /import ([\w$]+)\s*(?:,\s*(\{[^}]*\})\s*)?from\s*(['"])([\w:/]+)\3/g
  return {
    name: 'builtins-as-module-objects',
    transform(code) {
      const rewritten = code.replace(defaultImport, (statement, name, named, quote, source) => {
        if (!isBuiltin(source)) return statement
        const from = `from ${quote}${source}${quote}`
        return `import * as ${name} ${from}${named ? `; import ${named} ${from}` : ''}`
      })
      return rewritten === code ? null : { code: rewritten, map: null }
    }
  }
}

/**
 * `chunk-<package or source file>.js`: names that stay put across builds (no content hash), so a rebuild after a
 * small change touches few files; Rollup numbers any clash.
 */
function chunkFileName(chunk) {
  const id = (chunk.facadeModuleId ?? chunk.moduleIds.at(-1) ?? '').replaceAll('\\', '/')
  const inPackage = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)
  const name = inPackage ? inPackage[1].replace(/^@[^/]+\//, '') : chunk.name
  return `chunk-${name}.js`
}

/** @returns {{ input: import('rollup').InputOptions, output: import('rollup').OutputOptions }} */
export function rollupOptions(entry, { minify = false } = {}) {
  return {
    input: {
      input: { index: `src/entries/${entry}.ts` },
      external: isBuiltin,
      treeshake: { moduleSideEffects: id => !PURE_PACKAGES.test(id) },
      onLog(level, log, handler) {
        // The SDK's ES builds use `this` at module level in TypeScript helpers; harmless and expected.
        if (log.code === 'THIS_IS_UNDEFINED') return
        // Cycles inside dependencies are theirs; Rollup orders them as Node would.
        if (log.code === 'CIRCULAR_DEPENDENCY' && log.ids?.every(id => id.includes('node_modules'))) return
        if (level === 'warn') throw new Error(`rollup (${entry}): ${log.message}`)
        handler(level, log)
      },
      plugins: [
        typescriptSources(),
        builtinsAsModuleObjects(),
        nodeResolve({ preferBuiltins: true, exportConditions: ['module', 'import', 'node', 'default'] }),
        commonjs(),
        json(),
        ...licensesFile()
      ]
    },
    output: {
      format: 'cjs',
      entryFileNames: 'index.js',
      chunkFileNames: chunkFileName,
      generatedCode: 'es2015',
      // `import('node:http')` in the SDK's ES builds becomes a `require`: a dynamic import would start Node's ESM
      // loader for one built-in (~30 ms on Node 24).
      dynamicImportInCjs: false,
      externalLiveBindings: false,
      interop: id => (isBuiltin(id) ? 'esModule' : 'auto'),
      freeze: false,
      ...(entry === 'cli' ? { banner: '#!/usr/bin/env node' } : {}),
      plugins: minify ? [terser({ format: { comments: false }, compress: { passes: 1 } })] : []
    }
  }
}
