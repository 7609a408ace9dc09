import { run } from '../action/diagnose.js'

await run()
