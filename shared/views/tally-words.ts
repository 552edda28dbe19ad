/**
 * A tally's explanation in the reader's language. The model records the tally with its figures and
 * its explanation (shared/covenant/explanation.ts); the words shown are written again from those
 * figures by the message catalogue of the request's language, so a stored tally reads in Dutch or
 * English alike.
 */
import type { Tally } from '#shared/covenant/index.ts';
import { type Language, tallyTextsFor } from '#shared/messages/index.ts';

/** The tally with its explanation's summary, rule, policy note and other reading in `language`. */
export function tallyInWords(tally: Tally, language: Language = 'nl'): Tally {
  const words = tallyTextsFor(language);
  const counting = tally.explanation.policy.abstentionsCountAsCast;
  const other = tally.explanation.alternativeReading;
  return {
    ...tally,
    explanation: {
      ...tally.explanation,
      summary: words.summary(tally, counting),
      rule: words.rule,
      policy: { abstentionsCountAsCast: counting, note: words.policyNote(counting) },
      alternativeReading: {
        ...other,
        summary: words.summary(
          { ...tally, cast: other.cast, threshold: other.threshold, outcome: other.outcome },
          other.abstentionsCountAsCast,
        ),
      },
    },
  };
}
