import { lazy } from 'react';
import type { Area } from '../area';

export const tasksArea: Area = {
  id: 'tasks',
  path: '/tasks',
  roles: 'any',
  label: { da: 'Opgaver', en: 'Tasks' },
  pages: [
    { path: '', component: lazy(() => import('./TasksHomePage')) },
    { path: ':id', component: lazy(() => import('./TaskPage')) },
  ],
};
