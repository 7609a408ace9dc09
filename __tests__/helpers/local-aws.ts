import { afterAll, beforeAll } from '@jest/globals'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { startSim, type Sim } from '../../src/sim/server.js'

export interface LocalAws {
  readonly dynamo: LocalDynamo
  readonly sim: Sim
}

/**
 * dynalite and the sim for one test file: started before its tests, closed after them. The stacks the tests name
 * need not exist: the guard then finds nothing to protect or watch and runs the command.
 */
export function useLocalAws(): LocalAws {
  let dynamo: LocalDynamo | undefined
  let sim: Sim | undefined
  beforeAll(async () => {
    dynamo = await startDynalite()
    sim = await startSim()
  })
  afterAll(async () => {
    await dynamo?.close()
    await sim?.close()
  })
  return {
    get dynamo() {
      return dynamo!
    },
    get sim() {
      return sim!
    }
  }
}
