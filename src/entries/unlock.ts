import { run } from '../action/unlock.js'

void run()
