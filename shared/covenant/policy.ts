/**
 * The covenant leaves two questions open; each is a policy switch, kept in the register's data.
 */
export interface Policy {
  /**
   * Whether abstentions count as cast votes when computing the threshold (art. 6.9, footnote 13).
   * Art. 6.9 counts "uitgebrachte stemmen" and a party that abstains "onthoudt zich van een
   * stemming"; Dutch law's usual rule is that blank votes are not cast (DESIGN 2.2 item 7).
   * @default false
   */
  readonly abstentionsCountAsCast: boolean;
  /**
   * Whether a deadline whose last day is a Saturday, Sunday or general holiday moves to the next
   * working day, as the Algemene termijnenwet does for statutory deadlines (DESIGN 2.4).
   * @default false
   */
  readonly extendDeadlinesOverNonWorkingDays: boolean;
}

/** The policy of DESIGN 2.2 and 2.4: abstentions are not cast votes; deadlines are not extended. */
export const defaultPolicy: Policy = Object.freeze({
  abstentionsCountAsCast: false,
  extendDeadlinesOverNonWorkingDays: false,
});
