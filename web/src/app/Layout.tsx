/** The frame of every page: skip link, header with who is signed in, navigation, main, footer. */
import {
  Button,
  Link,
  Logo,
  PageContent,
  PageHeader,
  Paragraph,
} from '@rijkshuisstijl-community/components-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { changeLanguage } from '../i18n';
import { useSession } from '../session/SessionProvider';

const NAVIGATION = [
  ['/', 'nav.work'],
  ['/proposals', 'nav.proposals'],
  ['/meetings', 'nav.meetings'],
  ['/escalations', 'nav.escalations'],
  ['/decisions', 'nav.decisions'],
  ['/deadlines', 'nav.deadlines'],
  ['/release-calendar', 'nav.releaseCalendar'],
  ['/parties', 'nav.parties'],
  ['/covenant', 'nav.covenant'],
  ['/notices', 'nav.notices'],
] as const;
/** Administration is ZIN's (DESIGN 5: the standards' manager administers the system). */
const ADMINISTRATION = ['/admin', 'nav.admin'] as const;

function skipToMain() {
  // The fragment holds the route, so the skip link is a button that moves focus itself.
  document.getElementById('main')?.focus();
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const other = i18n.language === 'en' ? 'nl' : 'en';
  return (
    <div className="app">
      <button type="button" className="app__skip-link" onClick={skipToMain}>
        {t('nav.skip')}
      </button>
      <PageHeader>
        <div className="app__header">
          <Logo organisation={t('app.organisation')} subtitle={t('app.name')} />
          <div className="app__session">
            {session ? (
              <Paragraph>
                {t('session.signedInAs', {
                  party: session.party,
                  roles: session.roles.length > 0 ? ` (${session.roles.join(', ')})` : '',
                })}
              </Paragraph>
            ) : null}
            <Button appearance="subtle-button" lang={other} onClick={() => void changeLanguage(other)}>
              {t('language.switch')}
            </Button>
            {session ? (
              <Button
                appearance="secondary-action-button"
                onClick={() => {
                  signOut();
                  navigate('/sign-in');
                }}
              >
                {t('session.signOut')}
              </Button>
            ) : null}
          </div>
        </div>
      </PageHeader>
      {session ? (
        <nav aria-label={t('nav.label')} className="app__nav">
          <ul className="app__nav-list">
            {[...NAVIGATION, ...(session.party === 'ZIN' ? [ADMINISTRATION] : [])].map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'} className="app__nav-link">
                  {t(key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <PageContent>
        <main id="main" tabIndex={-1} className="app__main">
          <Suspense fallback={<Paragraph aria-live="polite">{t('common.loading')}</Paragraph>}>
            <Outlet />
          </Suspense>
        </main>
      </PageContent>
      <footer className="app__footer">
        <Paragraph>
          {t('app.footer')} <Link href="/openapi.json">{t('app.api')}</Link>
        </Paragraph>
      </footer>
    </div>
  );
}
