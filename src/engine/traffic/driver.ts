// The in-process traffic driver: a steady stream of requests at a set rate, so downtime and failed
// requests are measured even when nobody calls the HTTP port.
import type { ServiceRequest } from '../types.ts';

export interface DriverOptions {
  /** Requests per second. 0 pauses the driver. @default 100 */
  rate: number;
  /** The requests to cycle through. @default one GET /ping */
  requests: ServiceRequest[];
}

/**
 * Requests in flight past which the driver skips its turn instead of piling up more: a slow handler must not
 * build a backlog that HTTP, the REPL and updates then wait behind (seen: 17 s with a cap of 2,000).
 */
const MAX_IN_FLIGHT = 64;
/** After a pause (a blocked event loop), catch up by at most this many requests, not a storm. */
const MAX_BURST = 64;

export class TrafficDriver {
  readonly #send: (req: ServiceRequest) => Promise<unknown>;
  #requests: ServiceRequest[];
  #rate: number;
  #timer: NodeJS.Timeout | null = null;
  #startedAt = 0;
  #sent = 0;
  #inFlight = 0;
  #next = 0;

  /** Hears a send that failed outright (the engine turns service failures into responses, so this is a bug). */
  onError: (error: unknown) => void = () => {};

  constructor(send: (req: ServiceRequest) => Promise<unknown>, options: DriverOptions) {
    this.#send = send;
    this.#requests = options.requests;
    this.#rate = options.rate;
  }

  get rate(): number {
    return this.#rate;
  }

  start(): void {
    this.stop();
    if (this.#rate <= 0) return;
    this.#startedAt = performance.now();
    this.#sent = 0;
    this.#timer = setInterval(() => this.#tick(), Math.max(1, Math.floor(1000 / this.#rate)));
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  setRate(rate: number): void {
    this.#rate = Math.max(0, rate);
    if (this.#timer || rate > 0) this.start();
  }

  setRequests(requests: ServiceRequest[]): void {
    if (requests.length > 0) this.#requests = requests;
  }

  /** Send one request now: right after a swap, so the first response of a new version is not left to chance. */
  kick(): void {
    this.#fire();
  }

  #tick(): void {
    const due = Math.floor(((performance.now() - this.#startedAt) * this.#rate) / 1000) - this.#sent;
    const count = Math.min(due, MAX_BURST);
    if (due > MAX_BURST) this.#sent += due - MAX_BURST; // skip what a stall made us miss
    for (let i = 0; i < count; i++) {
      this.#sent++;
      if (this.#inFlight < MAX_IN_FLIGHT) this.#fire();
    }
  }

  #fire(): void {
    const request = this.#requests[this.#next++ % this.#requests.length];
    if (!request) return;
    this.#inFlight++;
    this.#send(request)
      .catch((error: unknown) => this.onError(error))
      .finally(() => this.#inFlight--);
  }
}
