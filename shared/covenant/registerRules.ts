import type { RegisterIssue } from './errors.ts';
import type { Register, Role } from './registerSchema.ts';

type Rule = (register: Register) => RegisterIssue[];

// art. 6.8: votes belong to the Ketenpartijen only; coordinating parties have none.
const weightMatchesKind: Rule = ({ parties }) =>
  parties.flatMap((party, i) => {
    const voting = party.kind !== 'coordinating';
    if (voting && party.votes <= 0) {
      return [
        {
          path: `parties[${i}].votes`,
          message: `voting party ${party.id} must have votes > 0`,
          value: party.votes,
        },
      ];
    }
    if (!voting && party.votes !== 0) {
      return [
        {
          path: `parties[${i}].votes`,
          message: `coordinating party ${party.id} must have 0 votes`,
          value: party.votes,
        },
      ];
    }
    return [];
  });

// A party id identifies one party; ballots and attendance refer to it.
const uniqueIds: Rule = ({ parties }) =>
  parties.flatMap((party, i) =>
    parties.findIndex((other) => other.id === party.id) < i
      ? [{ path: `parties[${i}].id`, message: 'must be unique; another party has this id', value: party.id }]
      : [],
  );

// art. 10: a membership ends after it starts.
const membershipOrdered: Rule = ({ parties }) =>
  parties.flatMap((party, i) =>
    party.memberUntil !== undefined && party.memberUntil <= party.memberFrom
      ? [
          {
            path: `parties[${i}].memberUntil`,
            message: `must be after memberFrom ${party.memberFrom}`,
            value: party.memberUntil,
          },
        ]
      : [],
  );

// art. 8 and 7.6: ZIN chairs and is secretary; one DGLZ takes the final decision.
const exactlyOneHolder =
  (role: Role): Rule =>
  ({ parties }) => {
    const holders = parties.filter((p) => p.roles.includes(role)).map((p) => p.id);
    return holders.length === 1
      ? []
      : [{ path: 'parties', message: `exactly one party must hold role "${role}"`, value: holders }];
  };

const rules: readonly Rule[] = [
  uniqueIds,
  weightMatchesKind,
  membershipOrdered,
  exactlyOneHolder('chair'),
  exactlyOneHolder('secretary'),
  exactlyOneHolder('dglz'),
];

/** Checks the rules that span fields and parties; returns every issue found (none when valid). */
export function checkRegisterRules(register: Register): RegisterIssue[] {
  return rules.flatMap((rule) => rule(register));
}
