/**
 * The instant API suites on a controlled clock start from: Monday 1 June 2037, 10:00 in Beijing
 * (the start of a month, a weekday, office hours — as 2026-06-01T02:00Z, which the suites were
 * written for, also was).
 *
 * It lies in the future of the real clock on purpose. The engine's TTL sweep runs on real time
 * every minute: sessions stamped from a past test clock expire at once and vanish mid-suite
 * (a 401 token_invalid whenever a suite outlives one sweep, e.g. on a loaded CI machine).
 */
export const TEST_CLOCK_START = new Date('2037-06-01T02:00:00Z');
