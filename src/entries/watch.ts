import { run } from '../action/watch.js'

void run()
