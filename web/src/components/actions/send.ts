/**
 * Sends an action's request through the generated client and invalidates what it changes. The
 * action map names routes of DESIGN 5 by path; routes the generated types do not know yet go
 * through the same client untyped, so a regenerated client needs no change here.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api';
import { useApi } from '../../session/SessionProvider';
import { unwrap } from '../problem';
import type { ActionRequest } from './specs';

type LooseRequest = (
  method: string,
  path: string,
  init: { params: { path: Record<string, string> }; body?: Record<string, unknown> },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export async function sendAction(api: ApiClient, request: ActionRequest): Promise<unknown> {
  return requestLoosely(api, request.method, request.path, request.params, withoutUndefined(request.body));
}

/**
 * A request to a route of DESIGN 5 that the generated types may not know yet, through the same
 * client (token, language); its answer as {@link unwrap} gives it.
 */
export async function requestLoosely(
  api: ApiClient,
  method: 'get' | 'post' | 'put',
  path: string,
  params: Record<string, string> = {},
  body?: Record<string, unknown>,
): Promise<unknown> {
  const send = api.request as unknown as LooseRequest;
  return unwrap(await send(method, path, { params: { path: params }, ...(body ? { body } : {}) }));
}

/**
 * A mutation that sends an action and refreshes every list and page it may change. `onDone` runs
 * first, on the hook's own callback: the refresh may take the action away and unmount its form,
 * and a form's per-call callbacks do not fire once it is gone.
 */
export function useActionMutation(onDone?: () => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ActionRequest) => sendAction(api, request),
    onSuccess: async () => {
      onDone?.();
      await Promise.all(
        ['proposals', 'meetings', 'deadlines', 'decisions'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      );
    },
  });
}
