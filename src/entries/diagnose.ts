import { run } from '../action/diagnose.js'

void run()
