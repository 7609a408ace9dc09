import { run } from '../action/unlock.js'

await run()
