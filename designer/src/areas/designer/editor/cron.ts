/**
 * The next fire times of a cron expression, for the settings panel's preview. Five fields (minute hour day month
 * weekday, Sunday = 0 or 7) or six (Quartz: second first, weekday 1 = Sunday, '?' for "any"); numbers, '*', ranges,
 * lists and steps. Names (MON, JAN) and L/W/# are not previewed: the server's parser is the authority.
 */
export function nextFireTimes(expression: string, from: Date, count: number): Date[] | string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return `expected 5 or 6 fields, found ${fields.length}`;
  const quartz = fields.length === 6;
  const [second, minute, hour, day, month, weekday] = quartz ? fields : ['0', ...fields];
  const parsed = [
    parse(second, 0, 59, 'second'),
    parse(minute, 0, 59, 'minute'),
    parse(hour, 0, 23, 'hour'),
    parse(day, 1, 31, 'day'),
    parse(month, 1, 12, 'month'),
    quartz ? parse(weekday, 1, 7, 'weekday') : parse(weekday, 0, 7, 'weekday'),
  ];
  const error = parsed.find((p): p is string => typeof p === 'string');
  if (error) return error;
  const [seconds, minutes, hours, days, months, weekdaysRaw] = parsed as Set<number>[];
  // JavaScript's getDay(): Sunday = 0.
  const weekdays = new Set([...weekdaysRaw].map((d) => (quartz ? d - 1 : d % 7)));
  const anyDay = day === '*' || day === '?';
  const anyWeekday = weekday === '*' || weekday === '?';
  const dayMatches = (d: Date) =>
    anyDay && anyWeekday ? true : anyDay ? weekdays.has(d.getDay()) : anyWeekday ? days.has(d.getDate()) : days.has(d.getDate()) || weekdays.has(d.getDay());

  const result: Date[] = [];
  const t = new Date(from.getTime());
  t.setMilliseconds(0);
  t.setSeconds(t.getSeconds() + 1);
  // Walks day by day, then through the matching times of a matching day; bounded to five years.
  for (let guard = 0; guard < 366 * 5 && result.length < count; guard++) {
    if (months.has(t.getMonth() + 1) && dayMatches(t)) {
      for (const h of [...hours].sort((a, b) => a - b)) {
        for (const m of [...minutes].sort((a, b) => a - b)) {
          for (const s of [...seconds].sort((a, b) => a - b)) {
            const candidate = new Date(t.getFullYear(), t.getMonth(), t.getDate(), h, m, s);
            if (candidate >= t && result.length < count) result.push(candidate);
          }
        }
      }
    }
    t.setDate(t.getDate() + 1);
    t.setHours(0, 0, 0, 0);
  }
  return result;
}

function parse(field: string, min: number, max: number, name: string): Set<number> | string {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\?|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) return `${name}: '${part}' is not a number, range, list or step`;
    const step = match[2] ? Number(match[2]) : 1;
    let [low, high] = [min, max];
    if (match[1] !== '*' && match[1] !== '?') {
      const [a, b] = match[1].split('-').map(Number);
      low = a;
      high = b ?? (match[2] ? max : a);
    }
    if (low < min || high > max || low > high || step < 1) return `${name}: '${part}' is outside ${min}-${max}`;
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}
