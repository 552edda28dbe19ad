/**
 * `npm run token -- PARTY [--role dglz]`: prints a bearer token for the local stack, signed with
 * the local key (infra/local/auth.ts). The party must be in the register, and a role must be one
 * the register gives the party.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLocalKey, signLocalToken } from '#infra/local/auth.ts';
import { loadDefaultRegister, type Register } from '#shared/covenant/index.ts';

const USAGE = 'usage: npm run token -- PARTY [--role ROLE]... [--expires 12h]';

/** The token's subject from the arguments, or the reason they are wrong. */
export function tokenRequest(
  register: Register,
  args: readonly string[],
): { party: string; roles: string[]; expiresIn: string } | { error: string } {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: false,
    options: { role: { type: 'string', multiple: true }, expires: { type: 'string' } },
  });
  const [given, ...rest] = positionals;
  if (!given || rest.length > 0) return { error: USAGE };
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
  return { party: party.id, roles, expiresIn };
}

async function main(): Promise<void> {
  const request = tokenRequest(loadDefaultRegister(), process.argv.slice(2));
  if ('error' in request) {
    process.stderr.write(`${request.error}\n`);
    process.exitCode = 1;
    return;
  }
  // The same data dir as `npm start` (DATA_DIR, default .data/), so the local stack knows the key.
  const key = await loadLocalKey(process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : undefined);
  const token = await signLocalToken(key, request, { expiresIn: request.expiresIn });
  process.stdout.write(`${token}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
