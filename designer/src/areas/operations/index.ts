import { lazy } from 'react';
import type { Area } from '../area';

export const operationsArea: Area = {
  id: 'operations',
  path: '/operations',
  roles: ['Operator'],
  label: { da: 'Drift', en: 'Operations' },
  pages: [
    { path: '', component: lazy(() => import('./OperationsHomePage')) },
    { path: 'instances', component: lazy(() => import('./InstancesPage')) },
    { path: 'instances/:id', component: lazy(() => import('./InstancePage')) },
    { path: 'queues', component: lazy(() => import('./QueuesPage')) },
    { path: 'queues/:name', component: lazy(() => import('./QueueItemsPage')) },
    { path: 'start', component: lazy(() => import('./StartPage')) },
    { path: 'robots', component: lazy(() => import('./RobotsPage')) },
  ],
};
