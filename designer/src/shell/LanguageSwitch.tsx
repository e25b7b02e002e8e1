import { languages, useLanguage, useTexts, type Language } from '../i18n/language';
import { texts } from './texts';

const names: Record<Language, string> = { da: 'Dansk', en: 'English' };

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useTexts(texts);
  return (
    <div className="language">
      <label htmlFor="language-select">{t.language}</label>
      <select id="language-select" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {names[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
