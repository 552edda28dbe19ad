import { describe, expect, it } from 'vitest';
import {
  createMembershipEndedHandler,
  MembershipEndedInputError,
} from '#functions/tasks/membership-ended.ts';
import type { AccessDirectory } from '#shared/ports/access-directory.ts';

function recording() {
  const calls: string[] = [];
  const logged: unknown[] = [];
  const directory: AccessDirectory = {
    closeMachineClient: async (party, on) => {
      calls.push(`close ${party} ${on}`);
      return { clientId: 'c-1', secretMarked: true };
    },
    disablePeople: async (party) => {
      calls.push(`disable ${party}`);
      return 3;
    },
  };
  const handler = createMembershipEndedHandler({
    directory,
    clock: { now: () => new Date('2027-07-01T08:00:00.000Z') },
    logger: { info: (...args: unknown[]) => void logged.push(args) },
  });
  return { handler, calls, logged };
}

describe('membership-ended task', () => {
  it('takes {party, effectiveOn}, closes the client, disables the people and logs counts only', async () => {
    const { handler, calls, logged } = recording();
    await expect(handler({ party: 'GGZ', effectiveOn: '2027-07-01' })).resolves.toMatchObject({
      party: 'GGZ',
      peopleDisabled: 3,
    });
    expect(calls).toEqual(['close GGZ 2027-07-01', 'disable GGZ']);
    expect(logged).toEqual([
      [
        'cloud access ended',
        {
          party: 'GGZ',
          effectiveOn: '2027-07-01',
          clientClosed: true,
          secretMarked: true,
          peopleDisabled: 3,
        },
      ],
    ]);
  });

  it.each([
    {},
    { party: 'GGZ' },
    { party: 'G G', effectiveOn: '2027-07-01' },
    { party: 'GGZ', effectiveOn: '1 July' },
  ])('refuses the input %j, saying what it expects', async (input) => {
    const { handler, calls } = recording();
    await expect(handler(input)).rejects.toThrow(MembershipEndedInputError);
    await expect(handler(input)).rejects.toThrow(/party: a register party id, effectiveOn: YYYY-MM-DD/);
    expect(calls).toEqual([]);
  });
});
