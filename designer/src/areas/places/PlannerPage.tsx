import { useCallback, useEffect, useRef, useState } from 'react';
import { format, useLanguage, useTexts } from '../../i18n/language';
import { ErrorMessage } from '../../shell/ErrorMessage';
import { Page } from '../../shell/Page';
import { AddressSearch } from './AddressSearch';
import { formatDistance } from './distance';
import {
  areasAt,
  nearestMeetingPoints,
  reverseLookup,
  type AddressHit,
  type AreaRef,
  type AreasAnswer,
  type MeetingPoint,
  type ReverseAnswer,
} from './placesApi';
import { PlacesMap } from './PlacesMap';
import { texts } from './texts';
import './places.css';

interface Lookup {
  address: AddressHit;
  areas: AreasAnswer;
  meetingPoints: MeetingPoint[];
}

const areaText = (area: AreaRef | null, none: string) => (area ? `${area.name} (${area.code})` : none);

/**
 * The planner's page: find an address, then see it on the offline map with its kommune, postal code, region, alarm
 * area(s) and the five nearest meeting points. A click on the map (Enter from the keyboard) finds the nearest address.
 */
export default function PlannerPage() {
  const t = useTexts(texts);
  const { language } = useLanguage();
  const [chosen, setChosen] = useState<AddressHit>();
  const [lookup, setLookup] = useState<Lookup>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [reverse, setReverse] = useState<ReverseAnswer>();
  const [reverseBusy, setReverseBusy] = useState(false);
  const [reverseError, setReverseError] = useState<unknown>();
  const current = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!chosen) return;
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setLoading(true);
    setError(undefined);
    Promise.all([areasAt(chosen.lat, chosen.lon, controller.signal), nearestMeetingPoints(chosen.lat, chosen.lon, controller.signal)]).then(
      ([areas, meetingPoints]) => {
        setLookup({ address: chosen, areas, meetingPoints });
        setLoading(false);
      },
      (failure: unknown) => {
        if (failure instanceof DOMException && failure.name === 'AbortError') return;
        setLookup(undefined);
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [chosen]);

  const onPick = useCallback((lat: number, lon: number) => {
    setReverseBusy(true);
    setReverseError(undefined);
    setReverse(undefined);
    reverseLookup(lat, lon).then(
      (answer) => {
        setReverse(answer);
        setReverseBusy(false);
      },
      (failure: unknown) => {
        setReverseError(failure);
        setReverseBusy(false);
      },
    );
  }, []);

  const status = loading && chosen
    ? format(t.loadingResult, { address: chosen.text })
    : lookup
      ? format(t.resultShown, { address: lookup.address.text, kommune: lookup.areas.kommune?.name ?? t.none, count: lookup.meetingPoints.length })
      : '';

  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <div className="places-layout">
        <div className="places-panel">
          <AddressSearch t={t} onSelect={setChosen} />
          <p role="status" className="places-result-status">
            {status}
          </p>
          <ErrorMessage error={error} />
          {lookup && !loading && (
            <>
              <section aria-labelledby="places-result-heading" className="places-result">
                <h2 id="places-result-heading">{t.resultHeading}</h2>
                <dl className="places-facts">
                  <dt>{t.address}</dt>
                  <dd data-testid="places-address">{lookup.address.text}</dd>
                  <dt>{t.kommune}</dt>
                  <dd data-testid="places-kommune">{areaText(lookup.areas.kommune, t.none)}</dd>
                  <dt>{t.postCode}</dt>
                  <dd>{areaText(lookup.areas.postCode, t.none)}</dd>
                  <dt>{t.region}</dt>
                  <dd>{areaText(lookup.areas.region, t.none)}</dd>
                  <dt>{t.alarmAreas}</dt>
                  <dd data-testid="places-alarm">
                    {lookup.areas.alarmAreas.length === 0
                      ? t.noAlarmArea
                      : lookup.areas.alarmAreas.map((a) => `${a.name} (${a.code})`).join(', ')}
                  </dd>
                  <dt>{t.coordinates}</dt>
                  <dd>
                    {lookup.address.lat.toFixed(5)}, {lookup.address.lon.toFixed(5)}
                  </dd>
                </dl>
              </section>
              <section aria-labelledby="places-nearest-heading" className="places-nearest">
                <h2 id="places-nearest-heading">{t.nearestHeading}</h2>
                {lookup.meetingPoints.length === 0 ? (
                  <p>{t.noMeetingPoints}</p>
                ) : (
                  <ol aria-labelledby="places-nearest-heading">
                    {lookup.meetingPoints.map((point) => (
                      <li key={point.id}>
                        <span className="places-mp-name">{point.name}</span>{' '}
                        <span className="places-mp-distance">{format(t.distanceAway, { distance: formatDistance(point.distanceMetres, language) })}</span>
                        {point.addressText && <span className="hint places-mp-address">{point.addressText}</span>}
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            </>
          )}
          <section aria-labelledby="places-reverse-heading" className="places-reverse" hidden={!reverse && !reverseBusy && !reverseError}>
            <h2 id="places-reverse-heading">{t.reverseHeading}</h2>
            <p role="status">
              {reverseBusy
                ? t.reverseLoading
                : reverse
                  ? format(t.reverseResult, { address: reverse.address.text, distance: formatDistance(reverse.distanceMetres, language) })
                  : ''}
            </p>
            <ErrorMessage error={reverseError} />
            {reverse && (
              <button type="button" onClick={() => setChosen(reverse.address)}>
                {t.showThisAddress}
              </button>
            )}
          </section>
        </div>
        <PlacesMap t={t} address={lookup?.address} meetingPoints={lookup?.meetingPoints ?? []} onPick={onPick} />
      </div>
    </Page>
  );
}
