import { defineTexts } from '../../i18n/language';

/** Texts of the Administration area. Add a key to both languages; a key missing in English fails the build. */
export const texts = defineTexts({
  da: {
    title: 'Administration',
    intro: 'Her styrer du brugere, roller, API-nøgler og adgangsoplysninger.',
  },
  en: {
    title: 'Administration',
    intro: 'Manage users, roles, API tokens and credentials here.',
  },
});
