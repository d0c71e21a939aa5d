import { SAMPLE_NUMBERS, SAMPLE_PROFILE_LABEL } from '../../lib/rehearsal-sample';

/**
 * First-run content (pure; welcome-view.test.ts): the tour's three steps, the sample file and the
 * sample LOA profile a newcomer rehearses with. Every value is obviously fictional: 555-01xx
 * numbers (reserved for fiction in the North American plan) and example.com addresses.
 */
export const TOUR = [
  {
    title: 'Bring numbers',
    text: 'Drop a spreadsheet or paste a list of your numbers. Hosting Desk reads it, normalises every number and tells you which rows need attention.',
  },
  {
    title: 'Review the plan',
    text: 'Before anything is sent you see the exact requests to Sinch — which numbers, which LOA, how many orders. Confirm, and they go to the queue.',
  },
  {
    title: 'Follow the work',
    text: 'The queue sends at Sinch’s pace and survives restarts. Each order and number shows where it stands and what to do next.',
  },
] as const;

export { SAMPLE_NUMBERS, SAMPLE_PROFILE, SAMPLE_PROFILE_LABEL } from '../../lib/rehearsal-sample';

export const SAMPLE_FILE_NAME = 'hosting-desk-sample-text-enable.csv';

export function sampleCsv(): string {
  const rows = [
    ['Phone number', 'Region', 'LOA profile', 'LOA type'],
    ...SAMPLE_NUMBERS.map((n) => [n, 'US', SAMPLE_PROFILE_LABEL, 'reseller']),
  ];
  // No cell holds a comma, quote or line break: plain joins are valid CSV.
  return `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}
