/**
 * The signed-in party and the API client that speaks for it. The token lives in sessionStorage
 * (gone when the tab closes); signing out forgets it and every cached answer.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiClient, createApiClient } from '../api';
import type { RuntimeConfig } from './config';
import { type Session, sessionFromToken } from './token';

const STORAGE_KEY = 'besluitvorming.token';

interface SessionContextValue {
  readonly session: Session | undefined;
  readonly api: ApiClient;
  readonly config: RuntimeConfig;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/** The session kept in this tab, if any. */
export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token ? sessionFromToken(token) : undefined;
}

export function SessionProvider({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const language = i18n.language;
  const api = useMemo(
    () => createApiClient(config.apiBaseUrl, () => ({ token: session?.token, language })),
    [config.apiBaseUrl, session?.token, language],
  );
  const signIn = useCallback((token: string) => {
    const next = sessionFromToken(token);
    if (!next) throw new Error('the token names no party');
    sessionStorage.setItem(STORAGE_KEY, token);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    queryClient.clear();
    setSession(undefined);
  }, [queryClient]);
  const value = useMemo(
    () => ({ session, api, config, signIn, signOut }),
    [session, api, config, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The API client; for pages behind sign-in. */
export function useApi(): ApiClient {
  return useSession().api;
}
