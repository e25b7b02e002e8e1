import { Link } from 'react-router-dom';
import { useTexts } from '../../i18n/language';
import { Page } from '../../shell/Page';
import { texts } from './texts';
import './operations.css';

/** Start page of the Operations area: the in-area menu. */
export default function OperationsHomePage() {
  const t = useTexts(texts);
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <nav aria-label={t.areaMenu}>
        <ul className="ops-menu">
          <li>
            <Link to="/operations/instances">{t.instancesLink}</Link> – {t.instancesIntro}
          </li>
          <li>
            <Link to="/operations/queues">{t.queuesLink}</Link> – {t.queuesIntro}
          </li>
          <li>
            <Link to="/operations/robots">{t.robotsLink}</Link> – {t.robotsIntro}
          </li>
          <li>
            <Link to="/operations/start">{t.startLink}</Link> – {t.startIntro}
          </li>
        </ul>
      </nav>
    </Page>
  );
}
