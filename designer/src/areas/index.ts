import type { Area } from './area';
import { adminArea } from './admin';
import { auditArea } from './audit';
import { designerArea } from './designer';
import { operationsArea } from './operations';
import { placesArea } from './places';
import { tasksArea } from './tasks';

/** Every area, in navigation order. A new area: add its folder and one line here. */
export const areas: readonly Area[] = [designerArea, operationsArea, tasksArea, placesArea, auditArea, adminArea];
