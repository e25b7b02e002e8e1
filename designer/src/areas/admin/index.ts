import { lazy } from 'react';
import type { Area } from '../area';

export const adminArea: Area = {
  id: 'admin',
  path: '/admin',
  roles: ['Administrator'],
  label: { da: 'Administration', en: 'Administration' },
  pages: [{ path: '', component: lazy(() => import('./AdminHomePage')) }],
};
