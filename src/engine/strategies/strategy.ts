// The one interface every update strategy implements. A strategy decides how a new version replaces the
// running one; the engine around it does the rest (watching, compiling, verifying, timing, traffic).
import type { ModuleShape } from '../source/module-shape.ts';
import type { FailureKind, Handover, LoadableModule, VerifyResult } from '../sandbox/protocol.ts';
import type { ServiceHost } from '../service-host.ts';
import type { RestartMode, SourceLocation, StageTimings, StrategyName } from '../types.ts';

/** One version of the learner's module, compiled and numbered. */
export interface PreparedVersion {
  version: number;
  shape: ModuleShape;
  module: LoadableModule;
}

export interface StrategyContext {
  host: ServiceHost;
  /** The version serving now (null on first boot, or when a cold restart left the service down). */
  running: PreparedVersion | null;
  next: PreparedVersion;
  restart: RestartMode;
  /** Where build artifacts go: `<workspace>/.hotlab`. */
  stateDir: string;
  /**
   * Test-run a module in the verifier sandbox (a separate process, so a memory bomb there cannot take the
   * live state with it): initialise it, take over `handover`'s state as the real update will, and serve one
   * probe request. Resolves with the heap it needed; throws CommandFailed.
   */
  verify(module: LoadableModule, handover?: { kind: Handover; state: unknown }): Promise<VerifyResult>;
  /** True once a newer save has arrived: stop before switching anything. */
  isStale(): boolean;
}

export type StrategyOutcome =
  | {
      kind: 'applied';
      timings: StageTimings;
      stateKept: boolean;
      heapBefore?: number;
      heapAfter?: number;
      retainedVersions: number;
      retainedHeap: number;
      notes: string[];
    }
  | {
      kind: 'rejected';
      reason: string;
      location?: SourceLocation;
      failure?: FailureKind;
      timings: StageTimings;
      /** A cold restart that failed after stopping the old version: nothing serves until a good build. */
      serviceDown?: boolean;
      /** The serving sandbox died during the attempt: the old version is restarted, but its state is gone. */
      stateLost?: boolean;
    }
  /** A newer save arrived mid-way; nothing was switched. */
  | { kind: 'superseded' };

export interface Strategy {
  readonly name: StrategyName;
  /** What it does, in one line for the strategy bar and `--help`. */
  readonly summary: string;
  /** The Go technique it reproduces. */
  readonly goOriginal: string;
  apply(context: StrategyContext): Promise<StrategyOutcome>;
}
