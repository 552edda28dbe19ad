/**
 * Runtime configuration: the cloud serves `/config.json` (the API's base URL and Cognito's managed
 * login); the local stack serves none, and the app then signs in through the local-only route.
 */
export interface RuntimeConfig {
  /** Where the API is; '' is this origin. */
  readonly apiBaseUrl: string;
  /** Cognito managed login (authorization code + PKCE); absent on the local stack. */
  readonly oidc?: {
    readonly authority: string;
    readonly clientId: string;
    readonly scope?: string;
  };
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  try {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) return { apiBaseUrl: '' };
    const body = (await response.json()) as Partial<RuntimeConfig>;
    return { apiBaseUrl: body.apiBaseUrl ?? '', ...(body.oidc ? { oidc: body.oidc } : {}) };
  } catch {
    return { apiBaseUrl: '' };
  }
}
