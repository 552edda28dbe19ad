/** The covenant's mutations: each invalidates the covenant keys it changes. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../api';
import { unwrap } from '../../components/problem';
import { useApi } from '../../session/SessionProvider';

/** Signs a change as the caller's party (art. 9.2); with the last signature it takes effect. */
export function useSignChange() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/covenant/changes/{id}/signature', { params: { path: { id } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['covenant'] }),
  });
}

/** ZIN proposes a new version, an addendum or an accession (art. 9.2–9.4). */
export function useProposeChange() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['ProposeCovenantChange']) =>
      unwrap(await api.POST('/covenant/changes', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['covenant'] }),
  });
}
