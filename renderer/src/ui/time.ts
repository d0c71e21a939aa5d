/**
 * Times on screen: 24-hour HH:MM:SS in the user's locale, dates short. One formatter each: the
 * `toLocale…String(…, options)` calls they replace built a new one per call, and these run in table
 * cells on every rendered frame (see format.ts).
 */
const times = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dates = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export const formatTime = (iso: string) => times.format(new Date(iso));

export const formatDate = (iso: string) => dates.format(new Date(iso));
