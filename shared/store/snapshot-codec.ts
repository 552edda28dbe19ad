// The compressed form of a proposal's snapshot in its item (shared/store/README.md, "Capacity").
//
// A transition rewrites the proposal item in a transaction, billed per KB of the item, and the
// XState snapshot is most of it (4.5 KB of JSON after a vote: the tally with its explanation, twice).
// The item keeps the snapshot as raw DEFLATE (node:zlib) primed with a preset dictionary: a
// snapshot-shaped JSON text with the key names and the tally's fixed prose, so what repeats in every
// snapshot costs a few bytes. Measured on the capacity walk's snapshot: 4,584 bytes of JSON, 1,140
// deflated, 1,101 brotli, about 300 with this dictionary.
//
// FROZEN: an item can only be read with the dictionary it was written with. Never edit
// SNAPSHOT_DICTIONARY_1; to change it, add a dictionary 2 under a new attribute name and keep
// decoding 1. When the model's texts change, snapshots just compress a little less.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { JsonObject } from '#shared/ports/store.ts';

/** The attribute of the proposal item that holds the snapshot compressed with dictionary 1 (binary). */
export const SNAPSHOT_ATTRIBUTE = 'snapshotZ1';

/**
 * The attribute of a closed voting round that holds its tally compressed the same way (binary):
 * the tally with its explanation is 1.6 KB of JSON, most of it the prose dictionary 1 already
 * holds, and the close rewrites the whole round in the transition's transaction (issue 16).
 */
export const TALLY_ATTRIBUTE = 'tallyZ1';

/** Dictionary 1 (frozen, see above). */
const SNAPSHOT_DICTIONARY_1 = Buffer.from(
  '{"status":"active","value":"objection","historyValue":{},"context":{"proposalId":"p-","title":"","description":"","standards":["iWmo","iJw","iEb"],"kind":"release","implementationDate":"","standardVersion":"","submittedBy":"VNG","submittedAt":"2026-01-01T00:00:00.000Z","round":1,"pauses":[],"pauseRequest":{"by":"ACTIZ","reason":"","at":"","status":"requested","decidedAt":"","decisionReason":""},"objections":[{"by":"CAK","reason":"","against":"adopted","lodgedAt":"","status":"standing","takesEffectAt":"","argumentsDue":{"kind":"arguments","startedAt":"","due":"T22:59:59.999Z","lastDay":"","extended":false,"party":"CAK"},"arguments":"","alternativeProposal":"","argumentsReceivedAt":"","endedAt":""}],"text":"","meetingId":"m-","meetingDate":"","voters":["ACTIZ","GGZ","JZN","VALENTE","VGN","ZTNL","VNG","CAK"],"lastTally":{"for":12,"against":6,"abstain":0,"cast":18,"threshold":10,"outcome":"adopted","votes":[{"party":"ACTIZ","choice":"for","weight":1,"chainVote":false},{"party":"GGZ","choice":"for","weight":1,"chainVote":false},{"party":"JZN","choice":"for","weight":1,"chainVote":true},{"party":"VALENTE","choice":"for","weight":1,"chainVote":false},{"party":"VGN","choice":"for","weight":1,"chainVote":false},{"party":"ZTNL","choice":"for","weight":1,"chainVote":false},{"party":"VNG","choice":"for","weight":6,"chainVote":false},{"party":"CAK","choice":"against","weight":6,"chainVote":false}],"decisiveAbstentions":[],"explanation":{"summary":"Adopted: 12 of 18 cast votes are for; a valid decision needs at least 10 (half of 18, plus one).","rule":"A vote is held only when all voting parties are present (art. 6.9). Each voting party casts all its votes as one bloc (art. 6.8). A valid decision needs at least half of the cast votes, rounded down, plus one: with that many votes for, the proposal is adopted; with that many against, it is rejected; otherwise there is no valid decision (art. 6.9).","policy":{"abstentionsCountAsCast":false,"note":"Abstentions do not count as cast votes: art. 6.9 counts the votes cast (\\"uitgebrachte stemmen\\"), a party that abstains \\"onthoudt zich van een stemming\\", and Dutch law usually treats a blank vote as not cast. Only the votes for and against set the number a decision needs; the other reading is shown beside it. Footnote 13: abstaining is not without consequence; the chair may ask an abstaining party to account for it."},"alternativeReading":{"abstentionsCountAsCast":true,"cast":18,"threshold":10,"outcome":"adopted","summary":"Adopted: 12 of 18 cast votes are for; a valid decision needs at least 10 (half of 18, plus one)."},"notVoted":[],"chainVotes":["JZN"]}},"decision":{"outcome":"adopted","via":"vote","decidedAt":"","text":"original","meetingId":"m-","rationale":""},"decisionMeetingClosed":true,"objectionResult":"lapsed","escalation":{"reason":"","at":"","after":"no-valid-decision"},"note":{"motive":"","requestedDecision":"","submittedAt":"","approvedAt":"","approvals":[{"party":"CAK","at":""}],"returnedComments":[]},"deadline":{"kind":"reconsideration","startedAt":"","due":"","lastDay":"","extended":false,"advice":""}},"children":{}}',
  'utf8',
);

/** The snapshot as stored: raw DEFLATE of its JSON, primed with dictionary 1. */
export function encodeSnapshot(snapshot: JsonObject): Uint8Array {
  return deflateRawSync(Buffer.from(JSON.stringify(snapshot), 'utf8'), {
    dictionary: SNAPSHOT_DICTIONARY_1,
    level: 9,
  });
}

/** The snapshot of {@link encodeSnapshot}'s bytes. */
export function decodeSnapshot(bytes: Uint8Array): JsonObject {
  return JSON.parse(
    inflateRawSync(bytes, { dictionary: SNAPSHOT_DICTIONARY_1 }).toString('utf8'),
  ) as JsonObject;
}
