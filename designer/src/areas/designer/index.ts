import { lazy } from 'react';
import type { Area } from '../area';

export const designerArea: Area = {
  id: 'designer',
  path: '/designer',
  roles: ['ProcessOwner'],
  label: { da: 'Designer', en: 'Designer' },
  pages: [
    { path: '', component: lazy(() => import('./WorkflowListPage')) },
    // The editor carries React Flow: its own chunk, loaded only when a workflow is opened.
    { path: 'edit/:id', component: lazy(() => import('./editor/EditorPage')) },
  ],
};
