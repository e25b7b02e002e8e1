import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../../api/client';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { texts } from './texts';
import { when, type OpenTask } from './types';
import './tasks.css';

/** The inbox: open human tasks assigned to one of the signed-in user's roles. */
export default function TasksHomePage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const [tasks, setTasks] = useState<OpenTask[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const controller = new AbortController();
    get<OpenTask[]>('/api/tasks', controller.signal).then(setTasks, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, []);

  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <ErrorMessage error={error} />
      {!tasks && !error && <p role="status">{t.loading}</p>}
      {tasks && tasks.length === 0 && <p role="status">{t.noTasks}</p>}
      {tasks && tasks.length > 0 && (
        <table className="tasks-table">
          <thead>
            <tr>
              <th scope="col">{t.task}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.workflow}</th>
              <th scope="col">{t.businessKey}</th>
              <th scope="col">{t.created}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => {
              const title = task.task.payload?.title ?? task.task.activityId;
              return (
                <tr key={task.task.id}>
                  <td>
                    <Link to={`/tasks/${encodeURIComponent(task.task.id)}`} aria-label={format(t.open, { title })}>
                      {title}
                    </Link>
                  </td>
                  <td>{task.task.key ?? '–'}</td>
                  <td>{task.definitionId ?? '–'}</td>
                  <td>{task.correlationId ?? '–'}</td>
                  <td>{when(task.task.createdAt, language)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
