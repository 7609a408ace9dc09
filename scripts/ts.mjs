// Lets `node --import ./scripts/ts.mjs file.ts` run the TypeScript sources directly (demo, bench): Node 24 strips
// the types, and this hook maps the `.js` import suffixes the sources use (for Rollup and tsc) onto their `.ts` files.
import { register } from 'node:module'

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.endsWith('.js')) throw error
    return next(specifier.slice(0, -3) + '.ts', context)
  }
}`),
  import.meta.url
)
