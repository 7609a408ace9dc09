import { run } from '../action/lock-main.js'

void run()
