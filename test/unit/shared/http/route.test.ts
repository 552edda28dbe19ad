import { describe, expect, it } from 'vitest';
import { toResult } from '#shared/http/response.ts';
import { movedTo } from '#shared/http/route.ts';

describe('shared/http/route movedTo', () => {
  it('redirects a deprecated alias to its own operation under the version prefix the caller used', () => {
    expect(movedTo('/v1/deadlines', '.ics').headers).toEqual({ Location: '/v1/deadlines.ics' });
    expect(movedTo('/meetings/m-1/minutes/', '.md').headers).toEqual({
      Location: '/meetings/m-1/minutes.md',
    });
  });

  it('answers the redirect with no body and no Content-Type', () => {
    const result = toResult(movedTo('/deadlines', '.ics'), 'c-1');
    expect(result.statusCode).toBe(308);
    expect(result.body).toBe('');
    expect(result.headers).toMatchObject({ Location: '/deadlines.ics', 'API-Version': '1.0.0' });
    expect(result.headers).not.toHaveProperty('Content-Type');
  });
});
