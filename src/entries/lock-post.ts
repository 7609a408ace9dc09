import { run } from '../action/lock-post.js'

void run()
