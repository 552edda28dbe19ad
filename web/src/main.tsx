/** Entry point: runtime config, the message catalogue, then the app. */
import { createRoot } from 'react-dom/client';
import '@rijkshuisstijl-community/design-tokens/dist/index.css';
import '@rijkshuisstijl-community/components-css/dist/index.css';
import './app/app.css';
import { createApiClient } from './api';
import { App, createQueryClient, prefetchPageData, preloadPageOf } from './app/App';
import { initI18n } from './i18n';
import { loadRuntimeConfig } from './session/config';
import { storedSession } from './session/SessionProvider';

preloadPageOf(window.location.hash);
const [config, i18n] = await Promise.all([loadRuntimeConfig(), initI18n()]);
const queryClient = createQueryClient();
const session = storedSession();
if (session) {
  const api = createApiClient(config.apiBaseUrl, () => ({ token: session.token, language: i18n.language }));
  prefetchPageData(window.location.hash, queryClient, api);
}
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<App config={config} queryClient={queryClient} />);
