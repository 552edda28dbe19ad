/**
 * Draws an XState machine as a Mermaid state diagram (pure): nested states, every transition with
 * its event and guard, deadlines on their edges, and the e-mail each state sends on entry.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

export interface DiagramOptions {
  /** Human text for each named delay, shown on its edge. */
  readonly delayLabels?: Readonly<Record<string, string>>;
}

const nameOf = (guard: unknown): string | undefined =>
  typeof guard === 'string' ? guard : (guard as { type?: string } | undefined)?.type;

const keyOf = (node: AnyStateNode): string => node.path.join('_');

function edges(node: AnyStateNode, options: DiagramOptions): string[] {
  const lines: string[] = [];
  for (const [type, transitions] of node.transitions) {
    for (const t of transitions) {
      const guard = nameOf(t.guard);
      const delay = node.after.find((d) => d.eventType === type);
      const label = delay
        ? `after ${options.delayLabels?.[String(delay.delay)] ?? String(delay.delay)}`
        : `${type}${guard ? ` [${guard}]` : ''}`;
      const targets = t.target?.length ? t.target : [node];
      for (const target of targets) lines.push(`${keyOf(node)} --> ${keyOf(target)}: ${label}`);
    }
  }
  return lines;
}

const notifications = (node: AnyStateNode): string[] => {
  const entry = (node.config.entry ?? []) as unknown;
  const actions = Array.isArray(entry) ? entry : [entry];
  return actions.flatMap((a) => {
    const step = (a as { params?: { step?: string } } | undefined)?.params?.step;
    return step ? [`${keyOf(node)} : ✉ ${step}`] : [];
  });
};

function states(node: AnyStateNode, options: DiagramOptions, indent: string): string[] {
  const lines: string[] = [];
  for (const child of Object.values(node.states)) {
    const key = keyOf(child);
    if (Object.keys(child.states).length > 0) {
      lines.push(`${indent}state "${child.key}" as ${key} {`);
      lines.push(`${indent}  [*] --> ${keyOf(child.states[child.config.initial as string] as AnyStateNode)}`);
      lines.push(...states(child, options, `${indent}  `));
      lines.push(`${indent}}`);
    } else {
      lines.push(`${indent}state "${child.key}" as ${key}`);
      if (child.type === 'final') lines.push(`${indent}${key} --> [*]`);
    }
    lines.push(...notifications(child).map((l) => indent + l));
  }
  return lines;
}

function allEdges(node: AnyStateNode, options: DiagramOptions): string[] {
  return Object.values(node.states).flatMap((child) => [
    ...edges(child, options),
    ...allEdges(child, options),
  ]);
}

/** The Mermaid `stateDiagram-v2` text of a machine; deterministic for a given machine. */
export function toMermaid(machine: AnyStateMachine, options: DiagramOptions = {}): string {
  const initial = machine.root.states[machine.root.config.initial as string] as AnyStateNode;
  return [
    'stateDiagram-v2',
    '  direction TB',
    `  [*] --> ${keyOf(initial)}`,
    ...states(machine.root, options, '  '),
    ...allEdges(machine.root, options).map((l) => `  ${l}`),
  ].join('\n');
}
