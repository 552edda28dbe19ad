/**
 * The 200-connection burst of issue 16 (used by the bench and by test/e2e/burst.e2e.test.ts): every voting party changes its vote many times at once,
 * each change on a connection of its own, all sent together. Counts what a party's client sees:
 * dropped connections (a socket closed or reset before an answer), answers by status, and each
 * party's last choice (the one whose answer came last, acknowledged by the server).
 */
/** What the burst saw. */
export interface BurstFigures {
  readonly connections: number;
  readonly parties: number;
  readonly changesPerParty: number;
  /** Requests that got no answer: the connection was closed or reset under them. */
  readonly dropped: number;
  /** Error codes of the dropped requests (e.g. UND_ERR_SOCKET), with how many. */
  readonly droppedBy: Readonly<Record<string, number>>;
  /** Answers by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly serverErrors: number;
  readonly wallMs: number;
  /** The choice each party sent in its last change. */
  readonly lastChoices: Readonly<Record<string, 'for' | 'against'>>;
}

export interface BurstOptions {
  readonly baseUrl: string;
  readonly proposalId: string;
  /** The bearer token of each voting party. */
  readonly tokens: ReadonlyMap<string, string>;
  readonly changesPerParty: number;
}

/** The choice of a party's `n`-th change: alternating. */
const choiceOf = (n: number): 'for' | 'against' => (n % 2 === 0 ? 'for' : 'against');

/**
 * Sends every change at once with fetch (Node's own client: a new connection for each request
 * that finds none idle, so `parties × changesPerParty` connections at once), waits for all of
 * them, then sends each party's final change (the opposite of its last burst choice), so that the
 * choice the tally must show is known whatever order the burst was applied in.
 */
export async function runBurst(options: BurstOptions): Promise<BurstFigures> {
  const parties = [...options.tokens.keys()];
  const statuses: Record<string, number> = {};
  const droppedBy: Record<string, number> = {};
  const send = async (party: string, choice: 'for' | 'against') => {
    try {
      const answer = await fetch(`${options.baseUrl}/proposals/${options.proposalId}/votes/${party}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${options.tokens.get(party)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ choice }),
      });
      await answer.text();
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; name?: string } }).cause;
      const code = cause?.code ?? cause?.name ?? (error as Error).name;
      droppedBy[code] = (droppedBy[code] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(
    parties.flatMap((party) =>
      Array.from({ length: options.changesPerParty }, (_, n) => send(party, choiceOf(n))),
    ),
  );
  const final = choiceOf(options.changesPerParty);
  await Promise.all(parties.map((party) => send(party, final)));
  const dropped = Object.values(droppedBy).reduce((a, b) => a + b, 0);
  return {
    connections: parties.length * options.changesPerParty,
    parties: parties.length,
    changesPerParty: options.changesPerParty,
    dropped,
    droppedBy,
    statuses,
    serverErrors: Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, count]) => sum + count, 0),
    wallMs: Math.round(performance.now() - started),
    lastChoices: Object.fromEntries(parties.map((p) => [p, final])),
  };
}
