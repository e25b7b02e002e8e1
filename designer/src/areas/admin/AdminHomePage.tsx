import { useTexts } from '../../i18n/language';
import { Page } from '../../shell/Page';
import { texts } from './texts';

/** Start page of the Administration area (placeholder until the area is built). */
export default function AdminHomePage() {
  const t = useTexts(texts);
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
    </Page>
  );
}
