import { useEffect, useId, useRef, useState } from 'react';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { mapOutlines, type AddressHit, type MeetingPoint } from './placesApi';
import type { PlacesTexts } from './texts';

// Denmark as a whole until an address is chosen.
const denmark = L.latLngBounds([54.5, 8.0], [57.8, 12.8]);
const colours = { kommune: '#4a4a4a', alarm: '#0b4f8a', address: '#a4161a', meetingPoint: '#1e6b2f' };

/**
 * The offline map: no tile server, the base layer is our own kommune outlines and alarm areas (GeoJSON from
 * /api/places/map/...), with the chosen address and its nearest meeting points as circle markers (no marker images).
 * Clicking the map, or pressing Enter while it has focus, asks for the nearest address at that point (the map's
 * centre from the keyboard). Tab leaves the map like any other control: Leaflet only takes arrows, +, - and Enter.
 */
export function PlacesMap({
  t,
  address,
  meetingPoints,
  onPick,
}: {
  t: PlacesTexts;
  address: AddressHit | undefined;
  meetingPoints: MeetingPoint[];
  onPick: (lat: number, lon: number) => void;
}) {
  const hintId = useId();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (!container.current) return;
    const created = L.map(container.current, { zoomControl: false, attributionControl: false, keyboard: true, minZoom: 6, maxZoom: 18 });
    created.fitBounds(denmark);
    L.control.zoom({ zoomInTitle: t.zoomIn, zoomOutTitle: t.zoomOut }).addTo(created);
    markers.current = L.layerGroup().addTo(created);
    created.on('click', (e: L.LeafletMouseEvent) => pickRef.current(e.latlng.lat, e.latlng.lng));
    created.on('keydown', (e: L.LeafletKeyboardEvent) => {
      if (e.originalEvent.key === 'Enter') {
        const centre = created.getCenter();
        pickRef.current(centre.lat, centre.lng);
      }
    });
    map.current = created;

    let cancelled = false;
    Promise.all([mapOutlines('kommune'), mapOutlines('alarm')]).then(
      ([kommuner, alarm]) => {
        if (cancelled) return;
        // Not interactive: a click on an outline is a click on the map (reverse lookup), not on the polygon.
        L.geoJSON(kommuner, { interactive: false, style: { color: colours.kommune, weight: 1, fillColor: '#f3f4f6', fillOpacity: 0.6 } }).addTo(created);
        L.geoJSON(alarm, { interactive: false, style: { color: colours.alarm, weight: 2, fillColor: colours.alarm, fillOpacity: 0.12 } }).addTo(created);
        markers.current?.remove();
        markers.current?.addTo(created);
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
      created.remove();
      map.current = null;
      markers.current = null;
    };
    // The map is created once; the texts only title the zoom buttons.
  }, []);

  useEffect(() => {
    const created = map.current;
    const group = markers.current;
    if (!created || !group) return;
    group.clearLayers();
    if (!address) return;
    const points: L.LatLngExpression[] = [[address.lat, address.lon]];
    meetingPoints.forEach((point, index) => {
      // Numbered like the list beside the map; a divIcon needs no image, and keyboard: false keeps it out of the Tab order.
      const icon = L.divIcon({ className: 'places-mp-marker', html: `<span aria-hidden="true">${index + 1}</span>`, iconSize: [24, 24] });
      L.marker([point.lat, point.lon], { icon, interactive: false, keyboard: false }).addTo(group);
      points.push([point.lat, point.lon]);
    });
    L.circleMarker([address.lat, address.lon], { radius: 9, color: '#ffffff', weight: 3, fillColor: colours.address, fillOpacity: 1, interactive: false }).addTo(group);
    created.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 15 });
  }, [address, meetingPoints]);

  return (
    <section className="places-map-section" aria-labelledby={`${hintId}-h`}>
      <h2 id={`${hintId}-h`}>{t.mapHeading}</h2>
      <p id={hintId} className="hint">
        {t.mapHint}
      </p>
      <ul className="places-legend">
        <li><span className="swatch kommune" aria-hidden="true" /> {t.legendKommune}</li>
        <li><span className="swatch alarm" aria-hidden="true" /> {t.legendAlarm}</li>
        <li><span className="swatch address" aria-hidden="true" /> {t.selectedMarker}</li>
        <li><span className="swatch meeting-point" aria-hidden="true" /> {t.legendMeetingPoint}</li>
      </ul>
      {loading && <p role="status">{t.mapLoading}</p>}
      <ErrorMessage error={error} />
      <div ref={container} className="places-map" role="region" aria-label={t.mapLabel} aria-describedby={hintId} />
      <p className="hint places-map-source">{t.mapSource}</p>
    </section>
  );
}
