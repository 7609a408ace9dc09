import { run } from '../action/lock-post.js'

await run()
