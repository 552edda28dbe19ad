/** The API's English texts, given on `Accept-Language: en`. */
import { policyNote, summarize, VOTING_RULE } from '#shared/covenant/explanation.ts';
import type { Messages, NextFacts } from './catalogue.ts';

/** Made on first use, not at import (as in nl.ts: building an `Intl.DateTimeFormat` loads locale data). */
let WEEKDAY: Intl.DateTimeFormat | undefined;
/** `2026-12-07` → `Monday 2026-12-07`. */
const day = (date: string) => {
  WEEKDAY ??= new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
  return `${WEEKDAY.format(new Date(`${date}T12:00:00Z`))} ${date}`;
};

const by = (f: NextFacts) => {
  if (!f.deadline) return '';
  const advice = f.deadline.advice ? ` ${f.deadline.advice}` : '';
  return ` by the end of ${day(f.deadline.lastDay)} (Amsterdam time).${advice}`;
};
const overdueSince = (f: NextFacts) =>
  f.deadline ? `The deadline ended on ${day(f.deadline.lastDay)}; the members were reminded. ` : '';
const meetingOn = (f: NextFacts) => (f.meetingDate ? `the meeting of ${day(f.meetingDate)}` : 'its meeting');

/** The problems texts (English); an entry imports only the sections it uses (issue 16). */
export const enProblems: Messages['problems'] = {
  'invalid-request': {
    title: 'The request is not valid',
    about:
      'The request does not match the API’s specification. The member `errors` names what is wrong, field by field; correct the request and send it again.',
  },
  'unknown-party': {
    title: 'A party named is not in the register',
    about:
      'The request names a party that is not in the covenant’s register of parties (member `parties`). Use the ids of GET /parties.',
  },
  unauthenticated: {
    title: 'A valid bearer token is required',
    about:
      'The request has no valid bearer token, or the token names no party (claim `party`). Get a new token and send it in the Authorization header.',
  },
  forbidden: {
    title: 'Your party or role may not do this',
    about:
      'The covenant gives this step to another party or role (the chair, a Ketenpartij, the DGLZ). Nothing was changed.',
  },
  'forbidden-host': {
    title: 'This host is not served',
    about: 'The local stack answers only requests to localhost, against DNS rebinding.',
  },
  'invalid-host': {
    title: 'The Host header is not valid',
    about: 'The request has no Host header, or one that is not valid.',
  },
  'not-found': {
    title: 'Not found',
    about: 'The resource asked for does not exist (any more). Check the address and the id.',
  },
  'route-not-found': {
    title: 'No such route',
    about: 'The API has no route for this method and path. GET /openapi.json describes every route.',
  },
  'proposal-not-found': {
    title: 'No such proposal',
    about:
      'There is no proposal (agenda item) with this id (member `proposalId`). GET /proposals lists them.',
  },
  'meeting-not-found': {
    title: 'No such meeting',
    about: 'There is no meeting with this id (member `meetingId`). GET /meetings lists them.',
  },
  'subscription-not-found': {
    title: 'No such subscription',
    about: 'Your party has no webhook subscription with this id. GET /subscriptions lists yours.',
  },
  'calendar-not-found': {
    title: 'No such calendar',
    about: 'There is no calendar URL with this id, or it was revoked. POST /calendars makes a new one.',
  },
  'method-not-allowed': {
    title: 'Method not allowed',
    about: 'The path exists, but not for this HTTP method. The Allow header names the methods it answers.',
  },
  'not-possible': {
    title: 'Not possible in the current phase',
    about:
      'The step does not fit the phase the proposal is in. The members `phase` and `possibleActions` name the phase and what is possible now.',
  },
  'vote-still-open': {
    title: 'A vote is still open in this meeting',
    about: 'The meeting cannot close while a vote is open (member `proposalIds`). Close the vote first.',
  },
  'meeting-closed': {
    title: 'The meeting is closed',
    about:
      'The meeting is closed; what belongs to it can no longer be recorded (art. 7.2: the objection window has ended).',
  },
  'meeting-exists': {
    title: 'The meeting exists already',
    about: 'There is a meeting with this id or on this date already.',
  },
  'voting-closed': {
    title: 'No vote is open',
    about: 'A ballot is cast or changed only while the chair has not closed the vote (art. 6.8, 6.9).',
  },
  'withdrawal-notice-exists': {
    title: 'Notice of withdrawal was given already',
    about:
      'This party has given notice of withdrawal already (members `noticeOn` and `effectiveOn`); it takes effect three months later.',
  },
  'no-withdrawal-notice': {
    title: 'No notice of withdrawal to revoke',
    about: 'This party has not given notice of withdrawal, or the withdrawal has taken effect.',
  },
  'not-a-member': {
    title: 'Not a member of the covenant',
    about:
      'Your party is not in the covenant’s register on this day (art. 10) and so takes no part in deciding.',
  },
  'release-entry-exists': {
    title: 'The version is in the release calendar already',
    about: 'The release calendar has an entry for this standard and version already (member `existing`).',
  },
  'idempotency-key-in-use': {
    title: 'A request with this Idempotency-Key is still running',
    about:
      'An earlier request with the same Idempotency-Key has not been answered yet. Wait as long as the Retry-After header says, then send the request again.',
  },
  conflict: {
    title: 'A concurrent change conflicts',
    about: 'The resource changed while this request ran. Read it again and repeat the request.',
  },
  'precondition-failed': {
    title: 'The resource changed since you read it',
    about:
      'The If-Match header names a version that is no longer current (member `current`). Read the resource again, then decide.',
  },
  'payload-too-large': {
    title: 'The request is too large',
    about: 'The request’s body is larger than the API takes.',
  },
  'unsupported-media-type': {
    title: 'Send JSON',
    about: 'This route takes only a body with Content-Type application/json.',
  },
  'idempotency-key-reuse': {
    title: 'Idempotency-Key reused for another request',
    about: 'This Idempotency-Key belongs to another request. Use a new key for every new request.',
  },
  'attendance-quorum': {
    title: 'Not every voting party is present',
    about:
      'A vote is held only when every voting party (Ketenpartij) is present (art. 6.9). The member `absent` names who is missing.',
  },
  'objection-blackout': {
    title: 'No objection in the month before the implementation date',
    about: 'No objection can be lodged in the month before the implementation date (art. 7.4).',
  },
  'objection-window': {
    title: 'The objection window has closed',
    about:
      'An objection can be lodged until the meeting in which the decision was taken is closed (art. 7.1, 7.2).',
  },
  'objection-already-lodged': {
    title: 'Your party has objected already',
    about: 'A Ketenpartij objects to a decision once (art. 7.2).',
  },
  'vote-in-scheduled-meeting': {
    title: 'The vote belongs to the meeting the proposal is scheduled on',
    about: 'A vote is opened in the meeting the proposal is on the agenda of (art. 6.3, 6.9).',
  },
  'vote-by-voting-party': {
    title: 'Only voting parties vote',
    about: 'Only the voting parties (Ketenpartijen) cast a ballot (art. 6.8).',
  },
  'vote-by-member': {
    title: 'Only members of the covenant vote',
    about: 'Only parties in the register on the day of the vote cast a ballot (art. 6.8, 10).',
  },
  'duplicate-ballot': {
    title: 'A party votes once, as one bloc',
    about: 'Each voting party casts all its votes as one bloc (art. 6.8).',
  },
  'missing-ballots': {
    title: 'Not every present voting party has voted',
    about:
      'The vote closes only when every present voting party has voted, or `missingBallots` says how to record the missing ballots (art. 6.9). The member `missing` names the parties.',
  },
  'ballot-in-the-room': {
    title: 'This party was not present when the vote opened',
    about: 'The chair records only the ballot of a party present when the vote was opened (art. 6.9).',
  },
  'accountability-for-abstention': {
    title: 'This party did not abstain',
    about:
      'Only a party that abstained in the latest vote can be asked to account for its abstention (footnote 13).',
  },
  'accountability-not-asked': {
    title: 'No account was asked for',
    about: 'The chair has not asked this party to account for its abstention (footnote 13).',
  },
  'deadline-passed': {
    title: 'The deadline for this step has passed',
    about:
      'The deadline for this step is over; without written arguments in time the objection lapses (art. 7.3).',
  },
  'decision-text': {
    title: 'This text cannot be adopted',
    about: 'A reconsideration adopts the original text or an objector’s alternative proposal (art. 7.4).',
  },
  'note-already-approved': {
    title: 'The accompanying note is approved already',
    about: 'Each objector approves a version of the accompanying note once (art. 7.5).',
  },
  'meeting-not-held': {
    title: 'The meeting has not been held yet',
    about: 'Attendance, consensus and votes are recorded on or after the day of the meeting (art. 6.3).',
  },
  'strategy-deadline': {
    title: 'The implementation strategy is due at most one month before the implementation date',
    about:
      'The implementation strategy must be ready at least one month before the implementation date (art. 7.4).',
  },
  'invalid-register-change': {
    title: 'The change would leave the register invalid',
    about: 'After this change the register of parties would no longer meet the covenant (art. 9.2, 9.4).',
  },
  'not-a-signatory': {
    title: 'Only the parties of the register on the day the change was proposed sign it',
    about:
      'A change of the covenant is signed by the parties in the register on the day it was proposed (art. 9.2).',
  },
  'change-effective-date': {
    title: 'A change takes effect on a later day than it is proposed',
    about: 'A change of the covenant takes effect after the day it is proposed (art. 9.2).',
  },
  'too-many-open-proposals': {
    title: 'Too many open proposals',
    about:
      'Your party has as many open agenda items as it may have (members `open` and `limit`). Wait until one is dealt with.',
  },
  'too-many-requests': {
    title: 'Too many requests',
    about: 'You send more requests than the API allows. Wait as long as the Retry-After header says.',
  },
  'internal-error': {
    title: 'Internal error',
    about:
      'The request failed unexpectedly. Quote the correlation id (member `correlationId`) when you report it.',
  },
  'concurrent-update': {
    title: 'Too many concurrent changes',
    about:
      'Other requests changed the proposal at the same time. Wait as long as the Retry-After header says and repeat the request.',
  },
  'web-app-not-built': {
    title: 'The web app is not built',
    about: 'The local stack finds no built web app; build it first.',
  },
};

/** The problemDetails texts (English); an entry imports only the sections it uses (issue 16). */
export const enProblemDetails: Messages['problemDetails'] = {
  fromCore: (_slug, reason) => reason,
  covenantRule: (_slug, _article, reason) => reason,
  invalidRequest: (_fields, reason) => reason,
  proposalNotFound: (id) => `there is no proposal ${id}`,
  meetingNotFound: (id) => `there is no meeting ${id}`,
  meetingClosed: (id) => `meeting ${id} is closed`,
  votingClosed: (round, id, opened) =>
    `round ${round} of proposal ${id} ${opened ? 'is closed' : 'was never opened'}`,
  notPossible: (phase, possible) =>
    `not possible in phase ${phase}; possible now: ${possible.join(', ') || 'nothing'}`,
  proposalChanged: 'the proposal changed while this request ran; retry it',
  concurrentChange: 'the request conflicts with a concurrent change; retry it',
  internalError: 'The request failed unexpectedly; quote the correlation id when you report it.',
  methodNotAllowed: (path, allowed, method) => `${path} answers ${allowed.join(', ')}, not ${method}`,
  noSuchRoute: (method, path) => `${method} ${path} is not a route of this API; see GET /openapi.json`,
  noSuchProblemType: (slug) => `this API has no problem type ${slug}; see GET /problems`,
};

/** The problemPages texts (English); an entry imports only the sections it uses (issue 16). */
export const enProblemPages: Messages['problemPages'] = {
  indexTitle: 'Problem types of the API',
  indexIntro:
    'A refused request is answered in application/problem+json (RFC 9457). Its member `type` points to one of these pages; `title` and `detail` are in Dutch, or in English with Accept-Language: en.',
  pageTitle: (title) => `Problem type: ${title}`,
  status: (status) => `HTTP status: ${status}`,
  typeUri: (uri) => `type: ${uri}`,
  members:
    'Every problem has the members type, title, status, detail, instance and correlationId; this type may add members as named above.',
  backToIndex: 'All problem types: GET /problems',
};

/** The next texts (English); an entry imports only the sections it uses (issue 16). */
export const enNext: Messages['next'] = {
  submitted: () =>
    'ZIN works the agenda item out into a proposal (art. 6.2); then it goes on a meeting’s agenda.',
  ready: (f) =>
    f.paused
      ? 'The provider associations paused decision-making to agree among themselves first (footnote 11); ZIN puts the proposal on a meeting’s agenda again.'
      : 'ZIN puts the proposal on the agenda of a meeting (art. 6.3).',
  scheduled: (f) =>
    `The steering group discusses it at ${meetingOn(f)}: consensus first (art. 6.7); without consensus the chair ` +
    'opens a vote, which needs every voting party present (art. 6.9). The provider associations may first ask to pause (footnote 11).',
  voting: () =>
    'The vote is open: each voting party casts its bloc vote and may change it until the chair closes the vote (art. 6.8, 6.9).',
  decided: (f) =>
    `${f.outcome === 'rejected' ? 'Rejected' : 'Adopted'} ${f.via === 'vote' ? 'by vote' : 'by consensus'}. ` +
    `Any Ketenpartij may object until the chair closes ${meetingOn(f)} (art. 7.1, 7.2); ` +
    'when the meeting closes without an objection, the decision is in force.',
  'no-valid-decision': () =>
    'The vote gave no valid decision (art. 6.9): ZIN schedules the proposal again, or escalates it to VWS (art. 7.5); the group may drop it by consensus.',
  'awaiting-arguments': (f) =>
    `${f.awaiting.join(', ') || 'The objector'} must send written arguments and a solution or new proposal to the other members, each within its own six weeks${by(f)} ` +
    'Otherwise that objection lapses; when no objection stands the decision is in force (art. 7.3).',
  reconsideration: (f) =>
    f.deadline?.overdue
      ? `${overdueSince(f)}The steering group still discusses the arguments and decides by consensus or vote, or ZIN records that no decision was reached (art. 7.4).`
      : `The steering group discusses the arguments and tries again to decide${by(f)} Without a decision the objection escalates to VWS (art. 7.4, 7.5).`,
  'reconsideration-voting': () =>
    'The reconsideration vote is open until the chair closes it; without a valid decision the objection escalates to VWS (art. 7.4, 7.5).',
  'note-drafting': (f) =>
    f.noteReturned
      ? 'The objector sent the accompanying note back; ZIN revises it (art. 7.5).'
      : 'ZIN drafts the accompanying note to VWS: the motive of the escalation and the decision requested (art. 7.5).',
  'note-approval': (f) =>
    `${f.toApprove.join(', ') || 'The objectors'} must approve the accompanying note before it goes to VWS, or send it back with comments (art. 7.5).`,
  ministry: (f) =>
    f.deadline?.overdue
      ? `${overdueSince(f)}VWS still meets the parties involved, chaired by ZIN, and ZIN records the outcome (art. 7.6).`
      : `VWS meets the parties involved, chaired by ZIN,${by(f)} ZIN records the outcome (art. 7.6).`,
  dglz: () => 'The DGLZ of VWS takes the final decision, to which the parties commit (art. 7.6).',
  closed: (f) => {
    if (f.objectionResult === 'lapsed')
      return `The objection lapsed without written arguments (art. 7.3): the decision (${f.outcome}) is in force.`;
    if (f.objectionResult === 'withdrawn')
      return `The objection was withdrawn: the decision (${f.outcome}) is in force.`;
    return `The decision (${f.outcome}, by ${f.via}) is in force; nothing further happens.`;
  },
  withdrawn: () => 'The proposal was withdrawn; nothing further happens.',
  dropped: () => 'The proposal was dropped without a valid decision; nothing further happens.',
};

// The covenant core records a tally's explanation in English (shared/covenant/explanation.ts):
// the English words are those, written once.
/** The tally texts (English); an entry imports only the sections it uses (issue 16). */
export const enTally: Messages['tally'] = { summary: summarize, rule: VOTING_RULE, policyNote };

/** The calendar texts (English); an entry imports only the sections it uses (issue 16). */
export const enCalendar: Messages['calendar'] = {
  name: 'Stuurgroep iStandaarden sociaal domein',
  deadlineTitle: (kind, title) => `Deadline (${kind}): ${title}`,
  deadlineDescription: (kind, lastDay, due, url) =>
    `${
      {
        arguments:
          'Written arguments and a solution or new proposal due (art. 7.3); otherwise the objection lapses',
        reconsideration: 'The steering group reconsiders the decision (art. 7.4)',
        ministry: 'VWS meets the parties involved (art. 7.6)',
      }[kind]
    }. Due by the end of ${lastDay} (Europe/Amsterdam), ${due}. ${url}`,
  meetingTitle: (title) => `Meeting of the steering group${title ? `: ${title}` : ''}`,
  meetingDescription: (closed, url) => `${closed ? 'Held and closed' : 'Planned'}. Agenda: ${url}`,
  inAWeek: (title) => `In a week: ${title}`,
  tomorrow: (title) => `Tomorrow: ${title}`,
};

export const en: Messages = {
  language: 'en',
  problems: enProblems,
  problemDetails: enProblemDetails,
  problemPages: enProblemPages,
  next: enNext,
  tally: enTally,
  calendar: enCalendar,
};
