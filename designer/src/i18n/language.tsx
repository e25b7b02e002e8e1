import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** The app's languages; Danish is the default. */
export type Language = 'da' | 'en';

export const languages: readonly Language[] = ['da', 'en'];

const storageKey = 'automation.language';

/**
 * One area's texts in both languages. Every area keeps its own file (src/areas/<area>/texts.ts) so that
 * helpers working on different areas never edit the same file; the type makes a missing English text a build error.
 */
export function defineTexts<T extends Record<string, string>>(texts: { da: T; en: { [K in keyof T]: string } }) {
  return texts;
}

type TextSet<T> = { da: T; en: { [K in keyof T]: string } };

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState | null>(null);

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === 'en' || stored === 'da' ? stored : 'da';
  } catch {
    return 'da';
  }
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts until reload.
    }
  }, []);

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage must be used inside <LanguageProvider>.');
  return state;
}

/** The texts of the current language: `const t = useTexts(texts); t.title`. */
export function useTexts<T extends Record<string, string>>(texts: TextSet<T>): T {
  const { language } = useLanguage();
  return texts[language] as T;
}

/** Replaces {name} placeholders: format(t.greeting, { name }). */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
