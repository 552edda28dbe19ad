/** Meetings' server state; the meeting screen polls so the secretariat sees ballots as they arrive. */
import { useQuery } from '@tanstack/react-query';
import { allItems } from '../../components/pages';
import { unwrap, unwrapJson } from '../../components/problem';
import { useApi } from '../../session/SessionProvider';

export const MEETING_REFRESH_MS = 2000;

export function useMeetings() {
  const api = useApi();
  return useQuery({
    queryKey: ['meetings', 'list'],
    queryFn: () =>
      allItems(
        async (cursor) => unwrap(await api.GET('/meetings', { params: { query: cursor ? { cursor } : {} } })),
        (page) => page.meetings,
      ),
    refetchInterval: 10_000,
  });
}

export function useMeeting(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['meetings', id],
    queryFn: async () => unwrap(await api.GET('/meetings/{id}', { params: { path: { id } } })),
    refetchInterval: MEETING_REFRESH_MS,
  });
}

/** The same key as the proposal page's query: one cache entry per proposal. */
export function useAgendaProposal(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['proposals', id],
    queryFn: async () => unwrap(await api.GET('/proposals/{id}', { params: { path: { id } } })),
    refetchInterval: MEETING_REFRESH_MS,
  });
}

export function useMinutes(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['meetings', id, 'minutes'],
    queryFn: async () => unwrapJson(await api.GET('/meetings/{id}/minutes', { params: { path: { id } } })),
    refetchInterval: MEETING_REFRESH_MS,
  });
}

export function useParties() {
  const api = useApi();
  return useQuery({
    queryKey: ['parties', 'list'],
    queryFn: async () => unwrap(await api.GET('/parties')).parties,
    staleTime: 60_000,
  });
}
