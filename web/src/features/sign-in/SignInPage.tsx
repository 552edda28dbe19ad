/**
 * Sign-in. On the local stack: pick a party (or VWS as DGLZ) and the local-only route signs a
 * token for it. In the cloud: Cognito's managed login (authorization code + PKCE).
 */
import { ActionGroup, Button, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, ProblemError } from '../../components/problem';
import { QueryView } from '../../components/QueryView';
import { useSession } from '../../session/SessionProvider';

interface SignInChoice {
  readonly party: string;
  readonly name: string;
  readonly roles: readonly string[];
}

const LOCAL_ROUTE = '/_local/sign-in';

/** The OIDC library only matters in the cloud: loaded there, kept out of the first page's bundle. */
const oidcModule = () => import('./oidc');

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as T;
  if (!response.ok) throw new ProblemError(response.status, body as Record<string, unknown>);
  return body;
}

function LocalSignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const choices = useQuery({
    queryKey: ['local-sign-in'],
    queryFn: async () => (await json<{ choices: SignInChoice[] }>(await fetch(LOCAL_ROUTE))).choices,
  });
  const signInAs = useMutation({
    mutationFn: async (choice: SignInChoice) =>
      json<{ token: string }>(
        await fetch(LOCAL_ROUTE, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ party: choice.party, roles: choice.roles }),
        }),
      ),
    onSuccess: ({ token }) => {
      signIn(token);
      navigate('/');
    },
  });
  return (
    <>
      <Paragraph>{t('signIn.local')}</Paragraph>
      <ProblemAlert error={signInAs.error} />
      <QueryView query={choices}>
        {(list) => (
          <ActionGroup>
            {list.map((choice) => (
              <Button
                key={`${choice.party}-${choice.roles.join('-')}`}
                appearance="secondary-action-button"
                onClick={() => signInAs.mutate(choice)}
              >
                {choice.roles.length > 0
                  ? t('signIn.asWithRoles', {
                      name: choice.name,
                      party: choice.party,
                      roles: choice.roles.join(', '),
                    })
                  : t('signIn.as', { name: choice.name, party: choice.party })}
              </Button>
            ))}
          </ActionGroup>
        )}
      </QueryView>
    </>
  );
}

function CloudSignIn({ oidc }: { oidc: NonNullable<ReturnType<typeof useSession>['config']['oidc']> }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const redirect = useMutation({
    mutationFn: async () => (await oidcModule()).userManager(oidc).signinRedirect(),
  });
  const callback = useMutation({
    mutationFn: async () => (await oidcModule()).completeRedirect(oidc),
    onSuccess: (token) => {
      if (!token) return;
      signIn(token);
      navigate('/');
    },
  });
  const { mutate } = callback;
  useEffect(() => mutate(), [mutate]);
  return (
    <>
      <Paragraph>{t('signIn.cloud')}</Paragraph>
      <ProblemAlert error={redirect.error ?? callback.error} />
      <Button appearance="primary-action-button" onClick={() => redirect.mutate()}>
        {t('signIn.cloudButton')}
      </Button>
    </>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const { config } = useSession();
  return (
    <>
      <PageTitle>{t('signIn.title')}</PageTitle>
      {config.oidc ? <CloudSignIn oidc={config.oidc} /> : <LocalSignIn />}
    </>
  );
}
