import { lazy } from 'react';
import type { Area } from '../area';

export const placesArea: Area = {
  id: 'places',
  path: '/places',
  roles: ['Planner'],
  label: { da: 'Steder', en: 'Places' },
  // The planner page brings Leaflet (and its CSS) along: lazy, so only planners opening it pay for it.
  pages: [{ path: '', component: lazy(() => import('./PlannerPage')) }],
};
