/**
 * `npm start`: the local stack. Not built yet — this prints what exists and what does not, rather
 * than pretending to serve an API.
 */
const lines = [
  'The local stack (HTTP API, workflow engine, DynamoDB Local on disk) is not built yet.',
  'What exists today:',
  '  npm test            the covenant rules, the lifecycle model, its compiled workflow and the store',
  '  npm run build:asl   compile the lifecycle model to Amazon States Language',
  '  npm run diagram     draw the lifecycle as a Mermaid diagram',
];
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = 1;
