/** The executions ZIN administers (`GET /executions`, `GET /proposals/{id}/execution`). */
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../components/problem';
import { useApi } from '../../session/SessionProvider';

const REFRESH_MS = 10_000;

export function useExecutions() {
  const api = useApi();
  return useQuery({
    queryKey: ['executions'],
    queryFn: async () => unwrap(await api.GET('/executions')).items,
    refetchInterval: REFRESH_MS,
  });
}

export function useExecution(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['executions', id],
    queryFn: async () => unwrap(await api.GET('/proposals/{id}/execution', { params: { path: { id } } })),
    refetchInterval: REFRESH_MS,
  });
}
