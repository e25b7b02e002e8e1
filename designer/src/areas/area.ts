import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../api/auth';

/** One page of an area, at `path` below the area's own path ('' is the area's start page). */
export interface AreaPage {
  path: string;
  component: LazyExoticComponent<ComponentType>;
}

/**
 * An area of the app (Designer, Operations, ...): its address, who may use it, its name in the navigation, and its
 * pages. Each area lives in src/areas/<id>/ with an index.ts exporting one Area and a texts.ts with its texts;
 * src/areas/index.ts lists the areas in navigation order.
 */
export interface Area {
  id: string;
  /** URL path of the area, e.g. '/designer'. */
  path: string;
  /** Roles that see the area ('any' = every signed-in user). Administrators see every area. */
  roles: readonly Role[] | 'any';
  /** The area's name in the navigation, per language. */
  label: { da: string; en: string };
  /** Pages, loaded on first visit so the first load stays small. */
  pages: readonly AreaPage[];
}
