/**
 * The covenant's server state that two features read: the covenant (`GET /covenant`) and the
 * changes still awaiting signatures, each read whole (`GET /covenant/changes/{id}`) because only
 * the change names who still has to sign. The covenant page and "My work" share these keys.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import type { Schemas } from '../api';
import { useApi } from '../session/SessionProvider';
import { unwrap } from './problem';

/** Changes are signed by people between meetings: a refresh every few seconds is enough. */
export const COVENANT_REFRESH_MS = 5000;

export function useCovenant() {
  const api = useApi();
  return useQuery({
    queryKey: ['covenant'],
    queryFn: async () => unwrap(await api.GET('/covenant')),
    refetchInterval: COVENANT_REFRESH_MS,
  });
}

/**
 * Every change the covenant lists that is not in force yet, read whole. The list says only
 * `proposed` or `in-force`; the change itself says whether it still awaits signatures.
 */
export function useOpenChanges(covenant: Schemas['Covenant'] | undefined) {
  const api = useApi();
  const open = (covenant?.changes ?? []).filter((change) => change.status !== 'in-force');
  const details = useQueries({
    queries: open.map((change) => ({
      queryKey: ['covenant', 'changes', change.id],
      queryFn: async () =>
        unwrap(await api.GET('/covenant/changes/{id}', { params: { path: { id: change.id } } })),
      refetchInterval: COVENANT_REFRESH_MS,
    })),
  });
  return details.flatMap((query) => (query.data ? [query.data] : []));
}

/** The changes `party` has still to sign (art. 9.2: every party signs). */
export function changesToSign(
  changes: readonly Schemas['CovenantChange'][],
  party: string | undefined,
): Schemas['CovenantChange'][] {
  return party ? changes.filter((change) => change.missing.includes(party)) : [];
}
