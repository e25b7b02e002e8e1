import { defineTexts } from '../i18n/language';

/** Texts of the shared components (Pager, RangeCaption, LoadStatus). Add a key to both languages. */
export const texts = defineTexts({
  da: {
    paging: 'Sider',
    previous: 'Forrige',
    next: 'Næste',
    pageInfo: '{from}–{to} af {total}',
    loading: 'Indlæser…',
  },
  en: {
    paging: 'Pages',
    previous: 'Previous',
    next: 'Next',
    pageInfo: '{from}–{to} of {total}',
    loading: 'Loading…',
  },
});
