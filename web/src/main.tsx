/** Entry point: runtime config, the message catalogue, then the app. */
import { createRoot } from 'react-dom/client';
import '@rijkshuisstijl-community/design-tokens/dist/index.css';
import '@rijkshuisstijl-community/components-css/dist/index.css';
import './app/app.css';
import { App, preloadPageOf } from './app/App';
import { initI18n } from './i18n';
import { loadRuntimeConfig } from './session/config';

preloadPageOf(window.location.hash);
const [config] = await Promise.all([loadRuntimeConfig(), initI18n()]);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<App config={config} />);
