/**
 * The floor of the calls themselves (issue 16, section 5): the DynamoDB calls that the deadlines
 * made while they fired, recorded as they were sent, sent again straight to DynamoDB Local with
 * the SDK — no engine, no task handler, no e-mail. The time and CPU of the fire divided by this
 * floor is how far the project is above the calls its design makes; this floor divided by the
 * one-transaction floor is what the calls themselves cost beyond one transaction.
 *
 * Reads (Get, Query, BatchGet) go again to the table they read. Writes go to a scratch table with
 * the same keys (the real one has moved on, and the stack's state must stay as it is): without
 * their conditions, which would refuse there, and a ConditionCheck is left out. A condition costs
 * little beside the write, so this floor is a little below what the same calls cost.
 */
/** One SDK call as it was sent: the client that sent it and its command. */
export interface RecordedCall {
  /** `engine Put`, `stack Query`, … (who sent it and the command's name). */
  readonly name: string;
  readonly client: { send(command: object): Promise<unknown> };
  readonly command: {
    readonly input: Record<string, unknown>;
    readonly constructor: new (input: Record<string, unknown>) => object;
  };
}

type Input = Record<string, unknown>;
const CONDITION_FIELDS = ['ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'];

/** The names and values an expression refers to (`#a`, `:v`). */
function keepReferenced(input: Input, expressions: readonly (string | undefined)[]): Input {
  const used = new Set(expressions.join(' ').match(/[#:][A-Za-z0-9_]+/g) ?? []);
  const pick = (field: string, prefix: string) => {
    const all = input[field] as Input | undefined;
    if (!all) return {};
    const kept = Object.fromEntries(Object.entries(all).filter(([k]) => used.has(k) && k.startsWith(prefix)));
    return Object.keys(kept).length > 0 ? { [field]: kept } : {};
  };
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !CONDITION_FIELDS.includes(k)));
  return { ...rest, ...pick('ExpressionAttributeNames', '#'), ...pick('ExpressionAttributeValues', ':') };
}

/** A write of one item, to `table`, without its condition. */
function unconditional(input: Input, table: string): Input {
  return { ...keepReferenced(input, [input.UpdateExpression as string | undefined]), TableName: table };
}

/** The input to send again, or undefined for a call this floor does not replay. */
export function replayInput(call: RecordedCall, scratchTable: string): Input | undefined {
  const op = call.name.split(' ')[1] ?? '';
  const input = call.command.input;
  if (op === 'Get' || op === 'Query' || op === 'BatchGet' || op === 'GetItem' || op === 'BatchGetItem')
    return input;
  if (['Put', 'Update', 'Delete', 'PutItem', 'UpdateItem', 'DeleteItem'].includes(op)) {
    return unconditional(input, scratchTable);
  }
  if (op === 'TransactWrite' || op === 'TransactWriteItems') {
    const items = (input.TransactItems as Input[]).flatMap((item) => {
      const [kind, write] = Object.entries(item)[0] ?? [];
      if (!kind || kind === 'ConditionCheck') return [];
      return [{ [kind]: unconditional(write as Input, scratchTable) }];
    });
    return { ...input, TransactItems: items };
  }
  return undefined;
}

/** Sends `calls` again in their order, `concurrency` at a time; returns how many of each it sent. */
export async function replayCalls(
  calls: readonly RecordedCall[],
  scratchTable: string,
  concurrency = 8,
): Promise<Record<string, number>> {
  const sent: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++];
      if (!call) continue;
      const input = replayInput(call, scratchTable);
      if (!input) continue;
      await call.client.send(new call.command.constructor(input));
      sent[call.name] = (sent[call.name] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sent;
}

/**
 * The kind of one write of a transaction: its operation and its sort key without numbers
 * (`Update PROPOSAL`, `Put EVENT#`, `Delete TOKEN#`), to weigh each kind of item of a deadline's
 * transaction by sending the transactions again without it.
 */
export function itemKind(item: Input): string {
  const [kind, write] = Object.entries(item)[0] ?? ['?', {}];
  const { Item, Key } = (write ?? {}) as { Item?: Input; Key?: Input };
  return `${kind} ${String((Item ?? Key)?.sk ?? '?').replace(/[0-9]+.*$/, '')}`;
}

/** The same calls, their transactions without the writes of kind `kind` (see {@link itemKind}). */
export function withoutItems(calls: readonly RecordedCall[], kind: string): RecordedCall[] {
  return calls.flatMap((call) => {
    const items = call.command.input.TransactItems as Input[] | undefined;
    if (items === undefined) return [];
    const kept = items.filter((item) => itemKind(item) !== kind);
    if (kept.length === 0) return [];
    const input = { ...call.command.input, TransactItems: kept };
    return [{ ...call, command: { input, constructor: call.command.constructor } }];
  });
}
