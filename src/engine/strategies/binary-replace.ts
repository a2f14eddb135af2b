// binary-replace: build the whole program (every module) into a new artifact, rename it atomically over the old
// one and start a new sandbox process from it (Go: go build + os.Rename + restart). `cold` stops the old process first and
// the service is down meanwhile; `graceful` starts the new one, waits until it is ready, switches and
// drains the old one (as cloudflare/tableflip does), handing state over through snapshot/migrate.
import type { ModuleChange } from '../sandbox/protocol.ts';
import type { SandboxProcess } from '../sandbox/sandbox-process.ts';
import { wallNow } from '../clock.ts';
import { neutralise } from '../plain-text.ts';
import { writeArtifact } from './artifact.ts';
import { keptEverywhere } from './load-next-to-old.ts';
import { rejectionFrom } from './rejection.ts';
import type { Strategy, StrategyContext, StrategyOutcome } from './strategy.ts';
import { timed } from './timed.ts';

/**
 * Processes kept started ahead of need. One is not enough for saves a fraction of a second apart: the next one
 * starts once a build has answered, and on a busy machine it is often still starting when the next save wants it,
 * which then waits for all of Node's start. With two, the one a save takes has had a whole save's time to start.
 * Each idle one holds ~15 MB.
 */
export const STANDBY_PROCESSES = 2;

export const binaryReplace: Strategy = {
  name: 'binary-replace',
  summary: 'build a new artifact, rename it over the old, restart (cold or graceful)',
  goOriginal: 'go build -o app.new && os.Rename("app.new", "app") + exec / tableflip.Upgrade()',
  apply: applyBinary,
};

async function applyBinary(context: StrategyContext): Promise<StrategyOutcome> {
  const { host, next, restart } = context;
  const [artifact, buildMs] = await timed(() => writeArtifact(context.stateDir, next));
  const timings: { compile: number; link?: number; migrate?: number; swap?: number } = { compile: buildMs };
  if (context.isStale()) return { kind: 'superseded' };
  const old = host.active;

  if (restart === 'cold' || !old) {
    // The process to boot in was started ahead (ServiceHost.prepareStandby); the build boots in it only now.
    const taking = host.takeStandby();
    // Awaited below, after the old process stopped: a failure to start one must not count as unhandled meanwhile.
    taking.catch(() => undefined);
    const swapStart = performance.now();
    const unservedSince = wallNow();
    host.switchTo(null); // from here until the new process is ready, requests get 503
    await old?.stop();
    const fresh = await taking;
    try {
      await boot(fresh, artifact);
    } catch (error) {
      fresh.kill();
      return { ...rejectionFrom(error, timings), serviceDown: true };
    }
    host.switchTo(fresh);
    timings.swap = performance.now() - swapStart;
    const modules = rebuilt(context, []);
    return { kind: 'applied', timings, stateKept: keptEverywhere(modules), retainedVersions: 0, retainedHeap: 0, modules, notes: ['cold restart: the old process was stopped before the new build booted (in a process started ahead)'], afterFirstResponse: standbyForNext(context), unservedSince };
  }

  // graceful: start new → ready → hold traffic → drain old → snapshot → migrate → switch → (first answer) stop old.
  const fresh = await host.takeStandby();
  try {
    [, timings.link] = await timed(() => boot(fresh, artifact));
  } catch (error) {
    fresh.kill();
    return rejectionFrom(error, timings);
  }
  if (context.isStale()) {
    fresh.kill();
    return { kind: 'superseded' };
  }
  const swapStart = performance.now();
  const resume = host.hold();
  try {
    const { migrated, notes } = await handOver(old, fresh, timings);
    host.switchTo(fresh);
    resume();
    // The drain is part of migrate's time: it is one round trip with the snapshot.
    timings.swap = performance.now() - swapStart - (timings.migrate ?? 0);
    const modules = rebuilt(context, migrated);
    return {
      kind: 'applied',
      timings,
      stateKept: keptEverywhere(modules),
      retainedVersions: 0,
      retainedHeap: 0,
      modules,
      notes: migrated.length > 0 ? notes : [...notes, 'graceful restart without snapshot()/migrate(prev): the new process starts with fresh state'],
      afterFirstResponse: standbyForNext(context, old),
    };
  } catch (error) {
    if (!old.alive && fresh.alive) {
      // The old process died during the hand-over: its state is gone either way, and the new one is ready.
      host.switchTo(fresh);
      resume();
      const modules = rebuilt(context, []);
      return { kind: 'applied', timings, stateKept: keptEverywhere(modules), retainedVersions: 0, retainedHeap: 0, modules, notes: ['the old process died during the hand-over: the new one started with fresh state'] };
    }
    resume();
    fresh.kill();
    return rejectionFrom(error, timings);
  }
}

/** Boot the build at `artifact` (renamed into place already) in a process that was started without one. */
async function boot(fresh: SandboxProcess, artifact: string): Promise<void> {
  await fresh.ready;
  await fresh.send({ op: 'boot', artifact });
}

/**
 * Once the new build has answered (off the timed path): stop the old process (graceful), and start processes for
 * the next builds to boot in. The old one serves nothing since the switch; stopped at once, the kernel freeing
 * its memory took a core from the new one's first answer (switch → first answer p50 ~9 ms, ~3 ms stopped after).
 */
function standbyForNext(context: StrategyContext, old?: SandboxProcess): () => Promise<string[]> {
  return async () => {
    void old?.stop();
    context.host.prepareStandby(STANDBY_PROCESSES);
    return [];
  };
}

/**
 * Let the old process finish what it has, then move each module's snapshot into the new one. A process answers
 * in the order it was sent, so the snapshot, sent behind every request the old process has (traffic is held
 * now), is taken once they are done: the drain and the snapshot are one round trip.
 */
async function handOver(old: SandboxProcess, fresh: SandboxProcess, timings: { migrate?: number }): Promise<{ migrated: string[]; notes: string[] }> {
  const start = performance.now();
  const { states, notes } = await old.send<{ states: Record<string, unknown>; notes: string[] }>({ op: 'snapshot' });
  // The notes quote learner keys and error messages, as the load path's do.
  notes.splice(0, notes.length, ...notes.map(neutralise));
  const adopted = await fresh.send<{ migrated: boolean; modules: string[] }>({ op: 'adopt', states });
  timings.migrate = performance.now() - start;
  return { migrated: adopted.modules, notes };
}

/** Every module was rebuilt into the new artifact; the ones in `migrated` took their state over. */
function rebuilt(context: StrategyContext, migrated: readonly string[]): ModuleChange[] {
  return context.next.program.modules.map((module) => ({
    module: module.file,
    action: 'rebuilt',
    cause: context.changed.includes(module.file) ? 'changed' : 'program',
    stateKept: migrated.includes(module.file),
    stateful: module.stateful,
  }));
}
