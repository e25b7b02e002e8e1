import type { Language } from '../../i18n/language';

const locales: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/** A distance as a planner reads it: whole metres below 1 km, else km with one decimal (two below 10 km is noise). */
export function formatDistance(metres: number, language: Language): string {
  const locale = locales[language];
  if (metres < 1000) {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(metres))} m`;
  }
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(metres / 1000)} km`;
}
