/** `npm run build:asl`: compiles the lifecycle model to the committed ASL file. */
import { writeFileSync } from 'node:fs';
import { LIFECYCLE_ASL_PATH, lifecycleAsl } from '#statemachines/proposal-lifecycle/asl.ts';

writeFileSync(LIFECYCLE_ASL_PATH, lifecycleAsl());
process.stdout.write(`wrote ${LIFECYCLE_ASL_PATH.pathname}\n`);
