/** The administrators' view of the workflow executions (DESIGN 5: `GET /executions`). */
import * as z from 'zod';
import { Instant, ProposalId } from './common.ts';

export const ExecutionSummary = z
  .object({
    name: z.string().meta({ description: 'The proposal id, or a successor’s `<id>-g2` / `<id>-v7`.' }),
    executionArn: z.string(),
    status: z.string().meta({
      description: 'RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.',
      example: 'RUNNING',
    }),
    startedAt: Instant,
    stoppedAt: Instant.optional(),
  })
  .meta({ id: 'ExecutionSummary' });

export const ExecutionTimelineEntry = z
  .object({
    at: Instant,
    kind: z.enum([
      'entered',
      'answered',
      'timed-out',
      'failed',
      'execution-failed',
      'execution-succeeded',
      'execution-stopped',
    ]),
    detail: z.string().optional().meta({ description: 'The state entered, the answer, or the error.' }),
  })
  .meta({ id: 'ExecutionTimelineEntry' });

export const ExecutionAgreement = z
  .object({
    verdict: z.enum(['in agreement', 'catching up', 'stuck', 'in disagreement']),
    lines: z.array(z.string()).meta({ description: 'What each side says and what it means.' }),
  })
  .meta({
    id: 'ExecutionAgreement',
    description: 'Whether the execution agrees with the proposal in DynamoDB (DESIGN 3.2).',
  });

export const ExecutionView = z
  .object({
    proposalId: ProposalId,
    title: z.string(),
    execution: ExecutionSummary.optional().meta({ description: 'Absent: the proposal has no execution.' }),
    chain: z.array(z.string()).meta({ description: 'The proposal’s executions, oldest first.' }),
    waiting: z
      .object({
        state: z.string(),
        until: Instant.optional(),
        onTimeout: z.enum(['deadline', 'rollover']).optional(),
      })
      .optional()
      .meta({ description: 'Where a running execution is parked, and when its timer fires.' }),
    timeline: z.array(ExecutionTimelineEntry),
    agreement: ExecutionAgreement,
    consoleUrl: z
      .url()
      .optional()
      .meta({ description: 'The execution in the Step Functions console (cloud).' }),
  })
  .meta({ id: 'ExecutionView' });

export const ExecutionList = z.object({ items: z.array(ExecutionView) }).meta({
  id: 'ExecutionList',
  description: 'Every proposal’s execution: failed first, then stuck or in disagreement, then the newest.',
});
