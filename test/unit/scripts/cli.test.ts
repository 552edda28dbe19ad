import { describe, expect, it } from 'vitest';
import { table } from '#scripts/cli.ts';
import { formatList } from '#scripts/executions/inspect.ts';

const MACHINE = 'arn:aws:states:eu-west-1:000000000000:stateMachine:lifecycle';
const arns = (name: string) => ({
  stateMachineArn: MACHINE,
  executionArn: `${MACHINE.replace(':stateMachine:', ':execution:')}:${name}`,
});

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
    const text = formatList([
      { name: 'p-1', status: 'PENDING_REDRIVE', startDate: new Date('2027-01-05T10:00:00Z'), ...arns('p-1') },
      { name: 'p-2.1', status: 'RUNNING', startDate: new Date('2027-01-06T10:00:00.250Z'), ...arns('p-2.1') },
    ]);
    const lines = text.split('\n');
    expect(lines.map((line) => line.indexOf('p-'))).toEqual([-1, 43, 43]);
    expect(lines[0]?.indexOf('NAME')).toBe(43);
  });
});
