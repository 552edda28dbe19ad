/** The audit trail as the API shows it: stable action names and phases instead of internal state ids. */

import type { z } from 'zod';
import type { AuditEvent } from '#shared/ports/store.ts';
import { actionByEvent } from '#shared/schemas/actions.ts';
import type { History } from '#shared/schemas/proposal-views.ts';
import { isDeadlineEvent, isStateKey, phaseOf } from '#statemachines/proposal-lifecycle/phase.ts';

type HistoryBody = z.infer<typeof History>;

/** The public name of an audit event's type. */
export function historyAction(type: string): string {
  if (type === 'SUBMIT') return 'submit';
  // An e-mail of the step that did not arrive (recorded by the notify task, not a transition).
  if (type === 'MAIL_UNDELIVERED') return 'mail-undelivered';
  // The workflow's deadline task dispatches the model's delayed events: `xstate.after.<delay>.<state>`.
  if (isDeadlineEvent(type)) return 'deadline-passed';
  return Object.hasOwn(actionByEvent, type)
    ? actionByEvent[type as keyof typeof actionByEvent]
    : type.toLowerCase();
}

/** The phase of a stored state id; undefined for none (creation) or a state an older model had. */
const phaseOfStored = (stateKey: string) => (isStateKey(stateKey) ? phaseOf(stateKey) : undefined);

/** The proposal's audit trail, oldest first. */
export function historyView(proposalId: string, events: readonly AuditEvent[]): HistoryBody {
  return {
    proposalId,
    events: events.map((e) => {
      const fromPhase = phaseOfStored(e.fromState);
      const toPhase = phaseOfStored(e.toState);
      return {
        version: e.version,
        action: historyAction(e.type),
        at: e.at,
        by: { party: e.by.party, roles: [...e.by.roles] },
        ...(e.covenantVersion ? { covenantVersion: e.covenantVersion } : {}),
        ...(fromPhase ? { fromPhase } : {}),
        ...(toPhase ? { toPhase } : {}),
        details: { ...e.payload },
      };
    }),
  };
}
