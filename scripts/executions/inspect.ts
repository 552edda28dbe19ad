/**
 * Reading executions for administrators: list them, and show one as a readable timeline — where
 * it is parked, the deadline it waits for, and each step with its time — and how it compares with
 * the proposal in DynamoDB. Works against AWS Step Functions and the local engine alike.
 */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type ExecutionListItem,
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Agreement, ExecutionSide } from '#shared/usecases/executions/agreement.ts';
import { table } from '../cli.ts';

/** Every execution of the state machine (all pages), newest first. */
export async function listExecutions(
  client: SFNClient,
  stateMachineArn: string,
  statusFilter?: ExecutionStatus,
) {
  const executions: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter, nextToken, maxResults: 100 }),
    );
    executions.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return executions;
}

export interface ShownExecution {
  readonly description: DescribeExecutionCommandOutput;
  readonly history: HistoryEvent[];
  /** Executions of the same proposal, oldest generation first (a rolled-over one has successors). */
  readonly chain: ExecutionListItem[];
}

/**
 * A proposal id or an execution ARN → the execution (the proposal's latest) with its history.
 * @throws when there is none, unless `allowMissing` (then undefined)
 */
export async function describeExecution(
  client: SFNClient,
  stateMachineArn: string,
  subject: string,
  options: { readonly allowMissing?: boolean } = {},
): Promise<ShownExecution | undefined> {
  // The proposal's executions (`<id>`, its successors `<id>-g2`, …, and any the sweeper restarted,
  // `<id>-v<version>`), oldest first: the last started is the live one.
  const chain = subject.startsWith('arn:')
    ? []
    : (await listExecutions(client, stateMachineArn))
        .filter(
          (e) =>
            e.name === subject ||
            (/^-[gv]\d/.test(e.name?.slice(subject.length) ?? '') && e.name?.startsWith(subject)),
        )
        .sort((a, b) => (a.startDate?.getTime() ?? 0) - (b.startDate?.getTime() ?? 0));
  const executionArn = subject.startsWith('arn:') ? subject : chain.at(-1)?.executionArn;
  if (!executionArn) {
    if (options.allowMissing) return undefined;
    throw new Error(`no execution for proposal ${subject}`);
  }
  const description = await client.send(new DescribeExecutionCommand({ executionArn }));
  const history: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    history.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return { description, history, chain };
}

/** The execution as {@link agreementOf} compares it. */
export function executionSide(shown: ShownExecution): ExecutionSide {
  const lastState = shown.history.findLast((e) => e.stateEnteredEventDetails?.name)?.stateEnteredEventDetails
    ?.name;
  const failed = shown.history.find((e) => e.executionFailedEventDetails)?.executionFailedEventDetails;
  return {
    status: String(shown.description.status),
    ...(lastState ? { lastState } : {}),
    ...(failed ? { failure: `${failed.error ?? ''} ${failed.cause ?? ''}`.trim() } : {}),
  };
}

/** The comparison, headed by its verdict. */
export function formatAgreement(agreement: Agreement): string {
  return [`DynamoDB and the execution: ${agreement.verdict}`, ...agreement.lines.map((l) => `  ${l}`)].join(
    '\n',
  );
}

const iso = (date: Date | undefined) => (date ? date.toISOString().replace('.000Z', 'Z') : '—');

/** One line per execution, in aligned columns. */
export function formatList(executions: readonly ExecutionListItem[]): string {
  if (executions.length === 0) return 'no executions';
  const rows = executions.map((e) => [e.status ?? '', iso(e.startDate), e.name ?? '']);
  return table(['STATUS', 'STARTED', 'NAME (proposal)'], rows);
}

/** The state an event entered or left, and what it did, in words. */
function describeEvent(event: HistoryEvent): string | undefined {
  const entered = event.stateEnteredEventDetails;
  if (entered?.name) return `entered  ${entered.name}`;
  if (event.taskSubmittedEventDetails) return undefined;
  if (event.taskTimedOutEventDetails) return 'timed out  (a deadline, or the hand-over to a successor)';
  if (event.taskFailedEventDetails)
    return `failed   ${event.taskFailedEventDetails.error ?? ''} ${event.taskFailedEventDetails.cause ?? ''}`;
  if (event.taskSucceededEventDetails?.output) return `answered ${event.taskSucceededEventDetails.output}`;
  if (event.executionFailedEventDetails)
    return `execution failed: ${event.executionFailedEventDetails.error ?? ''}`;
  if (event.type === 'ExecutionSucceeded') return 'execution succeeded';
  if (event.type === 'ExecutionAborted') return 'execution stopped';
  return undefined;
}

/** Where a running execution waits: the last park task it entered, and its timeout if any. */
function waitingAt(history: readonly HistoryEvent[]): string | undefined {
  const lastPark = [...history].reverse().find((e) => e.stateEnteredEventDetails?.name?.startsWith('Park '));
  const input = lastPark?.stateEnteredEventDetails?.input;
  if (!lastPark?.stateEnteredEventDetails?.name) return undefined;
  // The park waits as long as the timer the signal brought says: `$.signal.timer` in its input
  // (`$.timer` on an ASL from before issue 16, whose timer task stored it there).
  type Timer = { seconds?: number; onTimeout?: string };
  const document = input ? (JSON.parse(input) as { signal?: { timer?: Timer }; timer?: Timer }) : undefined;
  const timer = document?.signal?.timer ?? document?.timer;
  const parkedAt = lastPark.timestamp?.getTime() ?? 0;
  const until = timer?.seconds ? iso(new Date(parkedAt + timer.seconds * 1000)) : undefined;
  const due =
    until === undefined
      ? ''
      : timer?.onTimeout === 'deadline'
        ? ` — deadline fires at ${until} (in ${timer.seconds} s from parking)`
        : ` — no deadline; hands over to a successor execution at ${until}, before its year ends`;
  return `${lastPark.stateEnteredEventDetails.name.slice('Park '.length)}${due}`;
}

/** The execution, where it waits, and its history as a timeline. */
export function formatShow(shown: ShownExecution): string {
  const d = shown.description;
  const lines = [
    `execution  ${d.executionArn}`,
    `status     ${d.status}   started ${iso(d.startDate)}${d.stopDate ? `   stopped ${iso(d.stopDate)}` : ''}`,
  ];
  if (d.status === 'RUNNING') lines.push(`waiting in ${waitingAt(shown.history) ?? '—'}`);
  if (shown.chain.length > 1) lines.push(`chain      ${shown.chain.map((e) => e.name).join(' → ')}`);
  lines.push('', 'timeline');
  for (const event of shown.history) {
    const text = describeEvent(event);
    if (text) lines.push(`  ${iso(event.timestamp)}  ${text}`);
  }
  return lines.join('\n');
}
