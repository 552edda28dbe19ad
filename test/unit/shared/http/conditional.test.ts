import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  checkIfMatch,
  entityTag,
  parseEntityTags,
  withEntityTag,
  withIfMatch,
} from '#shared/http/conditional.ts';
import { PreconditionFailedError } from '#shared/http/errors.ts';
import { ExpectedVersionError } from '#shared/ports/store-errors.ts';

const event = (headers: Record<string, string>) =>
  ({ headers }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
const reply = { status: 200, body: { id: 'p-1', version: 3 } };

describe('shared/http/conditional', () => {
  it('gives a strong tag that changes with the representation', () => {
    expect(entityTag(reply)).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(entityTag(reply)).toBe(entityTag({ ...reply }));
    expect(entityTag({ status: 200, body: { id: 'p-1', version: 4 } })).not.toBe(entityTag(reply));
  });

  it('parses lists of tags, weak ones and *', () => {
    expect(parseEntityTags('"a", W/"b" ,"c"')).toEqual(['"a"', 'W/"b"', '"c"']);
    expect(parseEntityTags(' * ')).toEqual(['*']);
  });

  it('answers 304 when If-None-Match names the current tag (weakly), 200 with the tag otherwise', () => {
    const tag = entityTag(reply);
    expect(withEntityTag(event({ 'if-none-match': `W/${tag}` }), reply)).toMatchObject({
      status: 304,
      body: null,
    });
    const fresh = withEntityTag(event({ 'if-none-match': '"other"' }), reply);
    expect(fresh).toMatchObject({
      status: 200,
      headers: { ETag: tag, 'Cache-Control': 'private, no-cache' },
    });
    expect(withEntityTag(event({}), { status: 404, body: {} }).headers).toBeUndefined();
  });

  it('refuses a change when If-Match names no current tag (strongly), and lets it pass otherwise', async () => {
    const tag = entityTag(reply);
    const current = async () => reply;
    await expect(checkIfMatch(event({ 'if-match': '"stale"' }), current)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(checkIfMatch(event({ 'if-match': `W/${tag}` }), current)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    // A passed check names the version the change must commit from (the representation's own
    // `version`), so the store makes it a condition of the change's transaction (DESIGN 5, RFC 9110 13.1.1).
    const seen = { proposalAt: { id: 'p-1', version: 3 } };
    await expect(checkIfMatch(event({ 'if-match': `"x", ${tag}` }), current)).resolves.toEqual(seen);
    await expect(checkIfMatch(event({ 'if-match': '*' }), current)).resolves.toEqual(seen);
    await expect(checkIfMatch(event({}), current)).resolves.toEqual({});
  });

  it('answers 412 with the current tag when the store refused the change for a newer version', async () => {
    let now = reply;
    const current = async () => now;
    const stale = event({ 'if-match': entityTag(reply) });
    const moved = { status: 200, body: { id: 'p-1', version: 4 } };
    const refused = await withIfMatch(stale, current, async () => {
      now = moved; // another change landed between the check and this change's transaction
      throw new ExpectedVersionError('p-1', 3, 4);
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PreconditionFailedError);
    expect(refused).toMatchObject({ current: entityTag(moved) });
    await expect(withIfMatch(stale, current, async () => reply)).resolves.toBe(reply);
  });
});
