import { describe, expect, it } from 'vitest';
import { table } from '#scripts/cli.ts';
import { formatList } from '#scripts/executions/inspect.ts';

describe('scripts/cli table', () => {
  it('lines up every column under its header, however wide its values, with no trailing blanks', () => {
    const text = table(
      ['STATUS', 'NAME'],
      [
        ['PENDING_REDRIVE', 'p-1'],
        ['RUNNING', 'p-22'],
      ],
    );
    expect(text).toBe(['STATUS           NAME', 'PENDING_REDRIVE  p-1', 'RUNNING          p-22'].join('\n'));
  });

  it('lists executions with status, start and name aligned (npm run executions -- list)', () => {
    const item = (name: string, status: 'PENDING_REDRIVE' | 'RUNNING', started: string) => ({
      name,
      status,
      startDate: new Date(started),
      executionArn: `arn:aws:states:eu-west-1:123456789012:execution:lifecycle:${name}`,
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:lifecycle',
    });
    const text = formatList([
      item('p-1', 'PENDING_REDRIVE', '2027-01-05T10:00:00Z'),
      item('p-2.1', 'RUNNING', '2027-01-06T10:00:00.250Z'),
    ]);
    const lines = text.split('\n');
    expect(lines.map((line) => line.indexOf('p-'))).toEqual([-1, 43, 43]);
    expect(lines[0]?.indexOf('NAME')).toBe(43);
  });
});
