/**
 * The message catalogue (i18next): Dutch by default, English on request; the choice is kept in
 * localStorage and sets `<html lang>`. Every visible string comes from `nl.json` / `en.json`.
 * Dutch is in the first page's bundle; English is loaded when it is chosen.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'besluitvorming.language';

function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nl';
}

/** Adds the English catalogue once it is needed (Dutch, the fallback, is always there). */
async function loadCatalogue(language: Language) {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation'))
    i18next.addResourceBundle('en', 'translation', (await import('./en.json')).default);
}

export async function initI18n(language: Language = storedLanguage()) {
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl } },
    lng: language,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await loadCatalogue(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  await loadCatalogue(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
