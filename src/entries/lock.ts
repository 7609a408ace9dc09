import { run } from '../action/lock-main.js'

await run()
