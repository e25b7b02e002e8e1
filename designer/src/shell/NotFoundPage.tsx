import { useLocation } from 'react-router-dom';
import { format, useTexts } from '../i18n/language';
import { Page } from './Page';
import { texts } from './texts';

export function NotFoundPage() {
  const t = useTexts(texts);
  const { pathname } = useLocation();
  return (
    <Page title={t.notFoundTitle}>
      <p>{format(t.notFoundText, { path: pathname })}</p>
    </Page>
  );
}
