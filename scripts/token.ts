/**
 * `npm run token -- PARTY [--role dglz]`: prints a bearer token for the local stack, signed with
 * the local key (infra/local/auth.ts) of the stack's data folder: DATA_DIR, else the folder the
 * running `npm start` uses, else `.data/`. The party must be in the register, and a role must be
 * one the register gives the party.
 */
import { parseArgs } from 'node:util';
import { readLocalKey, signLocalToken } from '#infra/local/auth.ts';
import { localDataDir } from '#infra/local/stack-info.ts';
import { loadDefaultRegister, type Register } from '#shared/covenant/index.ts';
import { refuse } from './cli.ts';

const USAGE = [
  'usage: npm run token -- PARTY [--role ROLE]... [--expires 12h]',
  '',
  'Prints a bearer token for PARTY (a party id of the register, e.g. ZIN, VNG, CAK) signed with',
  "the local stack's key. The stack's data folder is DATA_DIR, else the one npm start runs with",
  'now, else .data/.',
  '',
  '  --role ROLE      a role the register gives the party (VWS: dglz)',
  '  --expires SPAN   how long the token is valid (e.g. 30m, 12h, 7d; default 12h)',
  '  --help           this text',
].join('\n');

const SPAN = /^\d{1,4}[smhd]$/;

/** The token's subject from the arguments, or the reason they are wrong. */
export function tokenRequest(
  register: Register,
  args: readonly string[],
): { party: string; roles: string[]; expiresIn: string } | { error: string } {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: false,
    options: {
      role: { type: 'string', multiple: true },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [given, ...rest] = positionals;
  const unknown = Object.keys(values).filter((name) => !['role', 'expires', 'help'].includes(name));
  if (unknown.length > 0) return { error: `unknown option --${unknown.join(', --')}\n\n${USAGE}` };
  if (values.help === true) return { error: USAGE };
  if (!given) return { error: `no party given\n\n${USAGE}` };
  if (rest.length > 0)
    return { error: `unexpected argument "${rest.join(' ')}": one party per token\n\n${USAGE}` };
  // Not strict (an unknown option is named above): an option given without its value is a boolean.
  const valueless = (['role', 'expires'] as const).filter((name) =>
    [values[name] ?? []].flat().some((v) => typeof v !== 'string'),
  );
  if (valueless.length > 0) return { error: `--${valueless.join(', --')} needs a value\n\n${USAGE}` };
  const party = register.parties.find((p) => p.id === given.toUpperCase());
  const ids = register.parties.map((p) => p.id).join(', ');
  if (!party) return { error: `unknown party "${given}": the register has ${ids}` };
  const roles = (values.role ?? []).filter((r): r is string => typeof r === 'string');
  const foreign = roles.filter((r) => !party.roles.includes(r as never));
  if (foreign.length > 0) {
    return {
      error: `${party.id} holds no role ${foreign.join(', ')} in the register (its roles: ${party.roles.join(', ') || 'none'})`,
    };
  }
  const expiresIn = typeof values.expires === 'string' ? values.expires : '12h';
  if (!SPAN.test(expiresIn))
    return { error: `--expires ${expiresIn}: give a number and s, m, h or d (e.g. 12h)` };
  return { party: party.id, roles, expiresIn };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const request = tokenRequest(loadDefaultRegister(), args);
  if ('error' in request) {
    // --help asked for the text: not a failure, and it goes where the answer goes.
    if (args.includes('--help') || args.includes('-h')) process.stdout.write(`${request.error}\n`);
    else refuse(request);
    return;
  }
  try {
    // The running stack's key: a key made here would sign tokens that stack answers with 401.
    const key = await readLocalKey(localDataDir());
    process.stdout.write(`${await signLocalToken(key, request, { expiresIn: request.expiresIn })}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
