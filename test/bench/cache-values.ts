/** The value and pipeline size the cache bench uses, in-process and in its one-case processes alike. */
export const PIPELINE = 100;
export const VALUE = JSON.stringify({
  userId: 123456,
  sessionId: 'b1946ac92492d2347c6235b4d2611184',
  roles: ['reader', 'editor'],
  token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig',
  pad: '',
}).padEnd(200, ' ');
/** The cases a one-case process (cache-process.ts) can run. */
export const PROCESS_CASES = [
  'wrapper-pipeline',
  'by-hand-pipeline',
  'wrapper-queue',
  'by-hand-queue',
] as const;
export type ProcessCase = (typeof PROCESS_CASES)[number];
