import { get } from '../../api/client';

/** One address from GET /api/places/search (WGS84 lat/lon and EPSG:25832 x/y). */
export interface AddressHit {
  id: string;
  text: string;
  postnr: string;
  lat: number;
  lon: number;
  x: number;
  y: number;
}

export interface AreaRef {
  kind: string;
  code: string;
  name: string;
}

/** GET /api/places/areas: the areas containing a point. */
export interface AreasAnswer {
  kommune: AreaRef | null;
  postCode: AreaRef | null;
  region: AreaRef | null;
  alarmAreas: AreaRef[];
}

/** One meeting point from GET /api/places/nearest, with its straight-line distance. */
export interface MeetingPoint {
  id: string;
  name: string;
  kind: string;
  lat: number;
  lon: number;
  distanceMetres: number;
  addressText: string | null;
  notes: string | null;
}

export interface ReverseAnswer {
  address: AddressHit;
  distanceMetres: number;
}

export type OutlineCollection = GeoJSON.FeatureCollection;

const point = (lat: number, lon: number) => `lat=${encodeURIComponent(lat)}&lon=${encodeURIComponent(lon)}`;

export const searchAddresses = (query: string, signal?: AbortSignal) =>
  get<AddressHit[]>(`/api/places/search?q=${encodeURIComponent(query)}&limit=8`, signal);

export const areasAt = (lat: number, lon: number, signal?: AbortSignal) => get<AreasAnswer>(`/api/places/areas?${point(lat, lon)}`, signal);

export const nearestMeetingPoints = (lat: number, lon: number, signal?: AbortSignal) =>
  get<MeetingPoint[]>(`/api/places/nearest?${point(lat, lon)}&k=5`, signal);

export const reverseLookup = (lat: number, lon: number, signal?: AbortSignal) =>
  get<ReverseAnswer>(`/api/places/reverse?${point(lat, lon)}&maxM=2000`, signal);

// The outlines change only on import: fetch each kind once per page load, however often the page is visited.
const outlines = new Map<string, Promise<OutlineCollection>>();

export function mapOutlines(kind: 'kommune' | 'alarm'): Promise<OutlineCollection> {
  let pending = outlines.get(kind);
  if (!pending) {
    pending = get<OutlineCollection>(`/api/places/map/${kind}`);
    pending.catch(() => outlines.delete(kind));
    outlines.set(kind, pending);
  }
  return pending;
}
