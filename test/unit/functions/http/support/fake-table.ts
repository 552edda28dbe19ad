// An in-memory single table behind aws-sdk-client-mock: the document client's Get, Put, Update,
// Delete, Query and TransactWrite commands, with the condition, key-condition and update
// expressions the store writes (shared/store/README.md). The real DynamoDbStore runs on it, so
// handler tests exercise the store's expressions and error translation, not a hand-written stub.
// It is a test double, not DynamoDB: it knows only the expression forms the store uses and
// throws on anything else, so a new form fails loudly here rather than passing silently.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';

type Item = Record<string, unknown>;
type Names = Readonly<Record<string, string>> | undefined;
type Values = Readonly<Record<string, unknown>> | undefined;

interface Expr {
  readonly names: Names;
  readonly values: Values;
}

const clone = <T>(value: T): T => structuredClone(value);

function pathOf(text: string, { names }: Expr): string[] {
  return text
    .trim()
    .split('.')
    .map((part) => {
      if (!part.startsWith('#')) return part;
      const name = names?.[part];
      if (name === undefined) throw new Error(`fake table: no name for ${part}`);
      return name;
    });
}

function read(item: Item | undefined, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Item | undefined)?.[key], item);
}

function operand(text: string, item: Item | undefined, expr: Expr): unknown {
  const t = text.trim();
  if (t.startsWith(':')) {
    if (!expr.values || !(t in expr.values)) throw new Error(`fake table: no value for ${t}`);
    return expr.values[t];
  }
  return read(item, pathOf(t, expr));
}

function compare(left: unknown, op: string, right: unknown): boolean {
  if (left === undefined || right === undefined) return op === '<>' && left !== right;
  const l = left as number | string;
  const r = right as number | string;
  switch (op) {
    case '=':
      return JSON.stringify(left) === JSON.stringify(right);
    case '<>':
      return JSON.stringify(left) !== JSON.stringify(right);
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    default:
      throw new Error(`fake table: operator ${op}`);
  }
}

function atom(text: string, item: Item | undefined, expr: Expr): boolean {
  const t = text.trim();
  const fn = /^(attribute_exists|attribute_not_exists|begins_with|contains)\((.+)\)$/.exec(t);
  if (fn) {
    const [, name = '', args = ''] = fn;
    if (name === 'contains') {
      const [path = '', needle = ''] = args.split(',');
      const value = operand(path, item, expr);
      const wanted = operand(needle, item, expr);
      return Array.isArray(value) ? value.includes(wanted) : String(value ?? '').includes(String(wanted));
    }
    if (name === 'attribute_exists') return read(item, pathOf(args, expr)) !== undefined;
    if (name === 'attribute_not_exists') return read(item, pathOf(args, expr)) === undefined;
    const [path = '', prefix = ''] = args.split(',');
    const value = operand(path, item, expr);
    return typeof value === 'string' && value.startsWith(String(operand(prefix, item, expr)));
  }
  const cmp = /^(.+?)\s*(<>|<=|>=|=|<|>)\s*(.+)$/.exec(t);
  if (!cmp) throw new Error(`fake table: cannot read condition "${t}"`);
  const [, left = '', op = '', right = ''] = cmp;
  return compare(operand(left, item, expr), op, operand(right, item, expr));
}

/** AND binds tighter than OR; the store writes no parentheses. */
export function evaluate(condition: string | undefined, item: Item | undefined, expr: Expr): boolean {
  if (condition === undefined) return true;
  return condition
    .split(/\s+OR\s+/)
    .some((any) => any.split(/\s+AND\s+/).every((all) => atom(all, item, expr)));
}

function write(item: Item, path: readonly string[], value: unknown): void {
  const parent = path.slice(0, -1).reduce<Item>((obj, key) => {
    obj[key] ??= {};
    return obj[key] as Item;
  }, item);
  const last = path.at(-1);
  if (last === undefined) throw new Error('fake table: empty path');
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

/** Applies `SET a = :v, b = b + :n REMOVE c, d`. */
export function applyUpdate(item: Item, update: string, expr: Expr): void {
  const sections = update.split(/\b(SET|REMOVE)\b/).map((s) => s.trim());
  for (let i = 1; i < sections.length; i += 2) {
    const clauses = (sections[i + 1] ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    for (const clause of clauses) {
      if (sections[i] === 'REMOVE') {
        write(item, pathOf(clause, expr), undefined);
        continue;
      }
      const [target = '', valueText = ''] = clause.split('=');
      const sum = /^(.+?)\s*([+-])\s*(.+)$/.exec(valueText.trim());
      const value = sum
        ? Number(operand(sum[1] ?? '', item, expr)) +
          (sum[2] === '-' ? -1 : 1) * Number(operand(sum[3] ?? '', item, expr))
        : operand(valueText, item, expr);
      write(item, pathOf(target, expr), clone(value));
    }
  }
}

interface WriteInput {
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Names;
  readonly ExpressionAttributeValues?: Values;
  readonly ReturnValuesOnConditionCheckFailure?: string;
}

const exprOf = (input: WriteInput): Expr => ({
  names: input.ExpressionAttributeNames,
  values: input.ExpressionAttributeValues,
});

/** The raw old item a failed condition returns: DynamoDB (and so the store) sees AttributeValues. */
const oldItem = (input: WriteInput, item: Item | undefined) =>
  input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && item
    ? marshall(item, { removeUndefinedValues: true })
    : undefined;

/** One table's items, by key. */
export class FakeTable {
  readonly items = new Map<string, Item>();

  private static keyOf(key: Item): string {
    return `${String(key.pk)}\u0000${String(key.sk)}`;
  }

  get(key: Item): Item | undefined {
    const item = this.items.get(FakeTable.keyOf(key));
    return item && clone(item);
  }

  put(item: Item): void {
    this.items.set(FakeTable.keyOf(item), clone(item));
  }

  /**
   * Items whose keys match the key condition, in sort-key order (of the index, if named), from
   * after `ExclusiveStartKey`; `Limit` counts items read before the filter, as DynamoDB does.
   */
  query(
    input: { IndexName?: string; KeyConditionExpression?: string; FilterExpression?: string } & WriteInput & {
        Limit?: number;
        ExclusiveStartKey?: Item;
      },
  ): { Items: Item[]; LastEvaluatedKey?: Item } {
    // An index's keys are named after it (gsi1: gsi1pk/gsi1sk, gsi2: gsi2pk/gsi2sk), as in shared/store/table.ts.
    const index = input.IndexName;
    const sortKey = index ? `${index}sk` : 'sk';
    const order = (item: Item) => `${String(item[sortKey])}\u0000${FakeTable.keyOf(item)}`;
    const start = input.ExclusiveStartKey;
    const matches = [...this.items.values()]
      .filter((item) => !index || item[`${index}pk`] !== undefined)
      .filter((item) => evaluate(input.KeyConditionExpression, item, exprOf(input)))
      .sort((a, b) => order(a).localeCompare(order(b)))
      .filter((item) => start === undefined || order(item) > order(start));
    const read = matches.slice(0, input.Limit ?? matches.length);
    const last = read.at(-1);
    const lastKey =
      last && read.length < matches.length
        ? Object.fromEntries(
            ['pk', 'sk', ...(index ? [`${index}pk`, `${index}sk`] : [])].map((name) => [name, last[name]]),
          )
        : undefined;
    const items = read.filter((item) => evaluate(input.FilterExpression, item, exprOf(input)));
    return { Items: clone(items), ...(lastKey ? { LastEvaluatedKey: lastKey } : {}) };
  }

  private check(input: WriteInput, key: Item): Item | undefined {
    const current = this.get(key);
    if (!evaluate(input.ConditionExpression, current, exprOf(input))) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: oldItem(input, current),
      });
    }
    return current;
  }

  putItem(input: WriteInput & { Item: Item }): void {
    this.check(input, input.Item);
    this.put(input.Item);
  }

  updateItem(input: WriteInput & { Key: Item; UpdateExpression: string }): Item {
    const item = this.check(input, input.Key) ?? clone(input.Key);
    applyUpdate(item, input.UpdateExpression, exprOf(input));
    this.put(item);
    return clone(item);
  }

  deleteItem(input: WriteInput & { Key: Item }): void {
    this.check(input, input.Key);
    this.items.delete(FakeTable.keyOf(input.Key));
  }

  /** All conditions first, then all writes: all or nothing. */
  transact(
    writes: readonly Record<string, WriteInput & { Key?: Item; Item?: Item; UpdateExpression?: string }>[],
  ): void {
    const reasons = writes.map((write) => {
      const [kind, input] = Object.entries(write)[0] ?? [];
      if (!kind || !input) throw new Error('fake table: empty transaction write');
      const key = input.Key ?? input.Item ?? {};
      const current = this.get(key);
      return evaluate(input.ConditionExpression, current, exprOf(input))
        ? { Code: 'None' }
        : { Code: 'ConditionalCheckFailed', Item: oldItem(input, current) };
    });
    if (reasons.some((r) => r.Code !== 'None')) {
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: reasons as never,
      });
    }
    for (const write of writes) {
      const [kind, input] = Object.entries(write)[0] ?? [];
      if (!input) continue;
      if (kind === 'Put' && input.Item) this.put(input.Item);
      if (kind === 'Update' && input.Key && input.UpdateExpression) {
        const item = this.get(input.Key) ?? clone(input.Key);
        applyUpdate(item, input.UpdateExpression, exprOf(input));
        this.put(item);
      }
      if (kind === 'Delete' && input.Key) this.items.delete(FakeTable.keyOf(input.Key));
    }
  }
}

/** Routes the document client's commands, mocked with aws-sdk-client-mock, to `table`. */
export function backWithFakeTable(
  client: DynamoDBDocumentClient,
  table: FakeTable,
): AwsClientStub<DynamoDBDocumentClient> {
  const ddb = mockClient(client);
  ddb.on(GetCommand).callsFake((input) => ({ Item: table.get(input.Key) }));
  ddb.on(PutCommand).callsFake((input) => {
    table.putItem(input);
    return {};
  });
  ddb.on(UpdateCommand).callsFake((input) => ({ Attributes: table.updateItem(input) }));
  ddb.on(DeleteCommand).callsFake((input) => {
    table.deleteItem(input);
    return {};
  });
  ddb.on(QueryCommand).callsFake((input) => table.query(input));
  ddb.on(TransactWriteCommand).callsFake((input) => {
    table.transact(input.TransactItems ?? []);
    return {};
  });
  return ddb;
}
