import { lazy } from 'react';
import type { Area } from '../area';

export const auditArea: Area = {
  id: 'audit',
  path: '/audit',
  roles: ['Auditor'],
  label: { da: 'Revision', en: 'Audit' },
  pages: [
    { path: '', component: lazy(() => import('./AuditSearchPage')) },
    { path: 'runs/:instanceId', component: lazy(() => import('./RunTimelinePage')) },
  ],
};
