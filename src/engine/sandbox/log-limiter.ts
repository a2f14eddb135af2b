// A service that logs in a loop must not flood the engine (seen: ~25k lines/s saturating the host's CPU).
// Lines beyond the rate are dropped and counted; the count is reported once the rate allows a line again.

/** Lines per second let through, with a burst of the same size. */
export const LOG_LINES_PER_SECOND = 200;

export class LogLimiter {
  readonly #rate: number;
  #tokens: number;
  #last = performance.now();
  #dropped = 0;

  constructor(rate = LOG_LINES_PER_SECOND) {
    this.#rate = rate;
    this.#tokens = rate;
  }

  /** Returns what to emit for this line: nothing (dropped), the line, or a drop notice followed by the line. */
  admit(line: string): string[] {
    const now = performance.now();
    this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#last) * this.#rate) / 1000);
    this.#last = now;
    if (this.#tokens < 1) {
      this.#dropped++;
      return [];
    }
    this.#tokens--;
    if (this.#dropped === 0) return [line];
    const notice = `… ${this.#dropped} log line${this.#dropped === 1 ? '' : 's'} dropped (the service logged more than ${this.#rate} a second)`;
    this.#dropped = 0;
    return [notice, line];
  }
}
