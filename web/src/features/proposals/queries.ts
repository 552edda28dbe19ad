/**
 * The proposals' server state, keyed by resource. A proposal and its history poll every few
 * seconds while on screen (see web/README.md, "Freshness"); lists poll less often.
 */
import { useQuery } from '@tanstack/react-query';
import type { ApiClient, Schemas } from '../../api';
import { allItems } from '../../components/pages';
import { unwrap } from '../../components/problem';
import { useApi } from '../../session/SessionProvider';

export const PROPOSAL_REFRESH_MS = 3000;
export const LIST_REFRESH_MS = 10_000;

export interface ProposalFilters {
  readonly phase?: Schemas['Phase'];
  readonly standard?: Schemas['Standard'];
}

export function useProposals(filters: ProposalFilters) {
  const api = useApi();
  return useQuery({
    queryKey: ['proposals', 'list', filters],
    queryFn: () =>
      allItems(
        async (cursor) =>
          unwrap(
            await api.GET('/proposals', { params: { query: { ...filters, ...(cursor ? { cursor } : {}) } } }),
          ),
        (page) => page.proposals,
      ),
    refetchInterval: LIST_REFRESH_MS,
  });
}

/** One proposal's query: the proposal page's, and what the app fetches early when it opens there. */
export const proposalQuery = (api: ApiClient, id: string) => ({
  queryKey: ['proposals', id],
  queryFn: async () => unwrap(await api.GET('/proposals/{id}', { params: { path: { id } } })),
});

export function useProposal(id: string) {
  const api = useApi();
  return useQuery({ ...proposalQuery(api, id), refetchInterval: PROPOSAL_REFRESH_MS });
}

export function useHistory(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['proposals', id, 'history'],
    queryFn: async () => ({
      events: await allItems(
        async (cursor) =>
          unwrap(
            await api.GET('/proposals/{id}/history', {
              params: { path: { id }, query: cursor ? { cursor } : {} },
            }),
          ),
        (page) => page.events,
      ),
    }),
    refetchInterval: PROPOSAL_REFRESH_MS,
  });
}
