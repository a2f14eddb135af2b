// The one interface every update strategy implements. A strategy decides how a new version replaces the
// running one; the engine around it does the rest (watching, compiling, verifying, timing, traffic).
import type { ProgramGraph } from '../graph/program-graph.ts';
import type { ChildFailure, FailureKind, LoadableProgram, Lookup, ModuleChange, TestRunHandover, VerifyResult } from '../sandbox/protocol.ts';
import type { ServiceHost } from '../service-host.ts';
import type { RestartMode, SourceLocation, StageTimings, StrategyName } from '../types.ts';

/** One version of the learner's program, every module compiled and linked, numbered. */
export interface PreparedVersion {
  version: number;
  graph: ProgramGraph;
  program: LoadableProgram;
}

export interface StrategyContext {
  host: ServiceHost;
  /** The version serving now (null on first boot, or when a cold restart left the service down). */
  running: PreparedVersion | null;
  next: PreparedVersion;
  /** Modules whose source differs from the running version's, or that are new: what the save changed. */
  changed: string[];
  restart: RestartMode;
  /** Where build artifacts go: `<workspace>/.hotlab`. */
  stateDir: string;
  /**
   * Test-run a program in the verifier sandbox (a separate process, so a memory bomb there cannot take the
   * live state with it): initialise every module, check the `lookups` of the modules that keep running, take
   * over `handover`'s state as the real update will, and serve one probe request. Resolves with the heap each
   * module needed; throws CommandFailed.
   */
  verify(program: LoadableProgram, options?: { lookups?: Lookup[]; handover?: TestRunHandover | null }): Promise<VerifyResult>;
  /** True once a newer save has arrived: stop before switching anything. */
  isStale(): boolean;
  /**
   * Send one request now, to time the new version's first answer: called right after the command that switches
   * (load, patch), it waits in the serving sandbox behind that command and is answered as soon as it is done,
   * a round trip sooner than sending it once the switch is confirmed.
   */
  firstRequest(): void;
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
      /** What happened to each module the update touched. */
      modules: ModuleChange[];
      notes: string[];
      /** More notes, worked out once the new version has answered (off the path the update is timed on). */
      afterFirstResponse?: () => Promise<string[]>;
      /** The strategy sent the first request itself (see StrategyContext.firstRequest). */
      firstRequestSent?: boolean;
      /**
       * Wall-clock time (clock.ts) from which no process took requests until the new version answered: a cold
       * restart's outage. It is downtime whether or not a request happened to arrive in it.
       */
      unservedSince?: number;
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
  /** Words a refusal in the strategy's own terms (plugin-swap says `plugin.Lookup`); also for a failed link. */
  reword?(failure: Pick<ChildFailure, 'kind' | 'message' | 'symbol'>): string;
}
