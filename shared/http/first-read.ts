/**
 * One consistent read of the proposal per request (issue 15, item 1): authorization reads the
 * proposal a model event is about; the decision that follows is taken on that same read instead of
 * reading it again. Only the first consistent read of that proposal is served from it, and only
 * while the request has written nothing: a retry after a lost race, or the answer read after the
 * write, goes to the store.
 */
import type { ProposalRecord } from '#shared/ports/store.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';

type Store = AppDeps['store'];

/** The store as this request sees it: `read` answers the next consistent read of its proposal, once. */
export function withFirstRead(store: Store, read: ProposalRecord): Store {
  let pending: ProposalRecord | undefined = read;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== 'getProposalItem') {
        // Any other call may write: from then on every read goes to the store.
        return (...args: unknown[]) => {
          pending = undefined;
          return value.apply(target, args);
        };
      }
      return (id: string, options?: { readonly consistent?: boolean }) => {
        const served = pending;
        pending = undefined;
        if (served && id === served.id && options?.consistent) return Promise.resolve(served);
        return value.call(target, id, options);
      };
    },
  });
}
