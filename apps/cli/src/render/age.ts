const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How old a value is, at a glance and in whole units: `12 s`, `5 min`, `2 h 5 min`, `3 d 4 h`. Two
 * units at most: a person reading "2 d 3 h 4 min 5 s" wants the first two, and every run rounds the
 * same way (down), so a value never looks younger than it is.
 */
export function formatAge(ms: number): string {
  const age = Math.max(0, Math.floor(ms));
  if (age < MINUTE) return `${Math.floor(age / SECOND)} s`;
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`;
  if (age < DAY) return withRest(Math.floor(age / HOUR), 'h', Math.floor((age % HOUR) / MINUTE), 'min');
  return withRest(Math.floor(age / DAY), 'd', Math.floor((age % DAY) / HOUR), 'h');
}

function withRest(whole: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${whole} ${unit}` : `${whole} ${unit} ${rest} ${restUnit}`;
}

/**
 * The ages of the values one line shows, as `5 min ago`, or `5 min – 2 h ago` when they differ (a
 * line may join values the car sent at different times); undefined when none is known.
 */
export function formatAgeRange(ages: readonly (number | undefined)[]): string | undefined {
  const known = ages.filter((age): age is number => age !== undefined && Number.isFinite(age));
  if (known.length === 0) return undefined;
  const youngest = formatAge(Math.min(...known));
  const oldest = formatAge(Math.max(...known));
  return youngest === oldest ? `${youngest} ago` : `${youngest} – ${oldest} ago`;
}
