/** `npm run diagram`: writes the lifecycle's Mermaid diagram into its README. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withDiagram } from '#statemachines/proposal-lifecycle/diagram.ts';

const path = new URL('../statemachines/proposal-lifecycle/README.md', import.meta.url);
writeFileSync(path, withDiagram(readFileSync(path, 'utf8')));
process.stdout.write(`wrote ${path.pathname}\n`);
