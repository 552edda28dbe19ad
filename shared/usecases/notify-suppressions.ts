/**
 * "Which of these mailboxes does the system no longer mail?" for the notify task, answered from
 * what this process read a moment ago. Every step e-mail goes to the same few dozen members, so
 * asking the table for each e-mail was one BatchGet per e-mail: when 1,000 deadlines fell due at
 * once, a fifth of the table's calls (issue 16, bench section 5).
 *
 * Why a few seconds are harmless: a mailbox is suppressed by a bounce or complaint that SES reports
 * through EventBridge to another function, seconds to minutes after the e-mail that bounced, so a
 * notify task could never tell a bounce of the last seconds anyway (the same reasoning as the
 * covenant version's cache, `covenant-source.ts`). The answer for each address is kept, not for
 * each e-mail, so a lifted suppression is also seen within this time.
 */
import type { MailDeliveryStore } from '#shared/ports/mail-deliveries.ts';

/** How long an address's answer is reused before the table is asked again. */
export const SUPPRESSION_CACHE_MS = 5_000;

export interface RecentSuppressionsOptions {
  /** @default SUPPRESSION_CACHE_MS */
  readonly cacheMs?: number;
  /** A monotonic clock in ms, not the covenant's clock (that one may stand still in tests). @default performance.now */
  readonly monotonicMs?: () => number;
}

interface Answer {
  readonly at: number;
  readonly suppressed: Promise<boolean>;
}

/** Keeps no more addresses than this (the register holds a few dozen): a bound, not a tuning knob. */
const MAX_ADDRESSES = 10_000;

/** {@link MailDeliveryStore.suppressedAmong}, with each address's answer kept for a few seconds. */
export class RecentSuppressions {
  private readonly answers = new Map<string, Answer>();
  private readonly cacheMs: number;
  private readonly monotonicMs: () => number;

  constructor(
    private readonly store: Pick<MailDeliveryStore, 'suppressedAmong'>,
    options: RecentSuppressionsOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? SUPPRESSION_CACHE_MS;
    this.monotonicMs = options.monotonicMs ?? (() => performance.now());
  }

  /** The addresses among `addresses` that the system no longer mails (one read for those not known lately). */
  async suppressedAmong(addresses: readonly string[]): Promise<ReadonlySet<string>> {
    const now = this.monotonicMs();
    const unknown = [...new Set(addresses)].filter((a) => !this.isFresh(this.answers.get(a), now));
    if (unknown.length > 0) this.ask(unknown, now);
    const verdicts = await Promise.all(
      addresses.map(async (a) => [a, await this.answers.get(a)?.suppressed] as const),
    );
    return new Set(verdicts.filter(([, suppressed]) => suppressed).map(([a]) => a));
  }

  private isFresh(answer: Answer | undefined, now: number): boolean {
    return answer !== undefined && now - answer.at < this.cacheMs;
  }

  /** One read for `addresses`; every caller that asks meanwhile waits for the same answer. */
  private ask(addresses: readonly string[], now: number): void {
    if (this.answers.size + addresses.length > MAX_ADDRESSES) this.answers.clear();
    const read = this.store.suppressedAmong(addresses);
    // A failed read is not kept: the next e-mail asks again (this one's task fails and is retried).
    read.catch(() => {
      for (const a of addresses) if (this.answers.get(a)?.at === now) this.answers.delete(a);
    });
    for (const a of addresses)
      this.answers.set(a, { at: now, suppressed: read.then((found) => found.has(a)) });
  }
}
