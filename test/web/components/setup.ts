// Setup of the web app's component tests: the message catalogue in Dutch, a clean DOM per test.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { initI18n } from '../../../web/src/i18n/index.ts';

beforeAll(async () => {
  await initI18n('nl');
});

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
