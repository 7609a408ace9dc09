import { run } from '../action/watch.js'

await run()
