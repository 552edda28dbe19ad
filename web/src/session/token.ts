/** Who a token speaks for, read from its payload for display only: the API verifies every token. */
export interface Session {
  readonly token: string;
  readonly party: string;
  readonly roles: readonly string[];
}

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The session a token opens, or undefined when the token names no party or has expired. */
export function sessionFromToken(token: string, now: Date = new Date()): Session | undefined {
  const payload = decodePayload(token);
  const party = typeof payload.party === 'string' ? payload.party : undefined;
  if (!party) return undefined;
  if (typeof payload.exp === 'number' && payload.exp * 1000 <= now.getTime()) return undefined;
  const roles =
    typeof payload.roles === 'string'
      ? payload.roles.split(' ').filter(Boolean)
      : Array.isArray(payload.roles)
        ? payload.roles.filter((r): r is string => typeof r === 'string')
        : [];
  return { token, party, roles };
}
