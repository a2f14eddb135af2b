/**
 * Wall-clock milliseconds with sub-millisecond precision. File mtimes are wall-clock, so every timestamp the
 * engine compares with one (detect, total) must be too; Date.now() alone only has whole milliseconds.
 */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}
