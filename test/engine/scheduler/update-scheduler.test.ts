import { describe, expect, it } from 'vitest';
import { UpdateScheduler, type UpdateToken } from '../../../src/engine/scheduler/update-scheduler.ts';

/** A promise the test settles by hand, to hold a run open while more jobs arrive. */
function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('UpdateScheduler', () => {
  it('runs a job at once when idle, synchronously up to its first await', () => {
    const started: number[] = [];
    const scheduler = new UpdateScheduler<number>(async (job) => {
      started.push(job);
    });
    scheduler.submit(1);
    expect(started).toEqual([1]);
  });

  it('runs exactly the first and the last job of a burst submitted while the first runs, in order', async () => {
    const gate = deferred();
    const runs: number[] = [];
    const scheduler = new UpdateScheduler<number>(async (job) => {
      runs.push(job);
      if (job === 1) await gate.promise;
    });
    for (let job = 1; job <= 20; job++) scheduler.submit(job);
    expect(runs).toEqual([1]);
    gate.resolve();
    await scheduler.idle();
    expect(runs).toEqual([1, 20]);
  });

  it('counts as skipped only the replaced jobs it was told to count (saves, not commands)', async () => {
    const gate = deferred();
    const scheduler = new UpdateScheduler<{ trigger: 'save' | 'strategy' }>(
      async (job) => {
        if (job.trigger === 'strategy') await gate.promise;
      },
      { counts: (job) => job.trigger === 'save' },
    );
    scheduler.submit({ trigger: 'strategy' });
    scheduler.submit({ trigger: 'strategy' }); // waits…
    scheduler.submit({ trigger: 'save' }); // …replaced: a command, not counted; this save waits…
    scheduler.submit({ trigger: 'save' }); // …replaced: counted
    gate.resolve();
    await scheduler.idle();
    expect(scheduler.takeSkipped()).toBe(1);
  });

  it('marks the running job stale when a newer one is submitted, and names the newest', async () => {
    const gate = deferred();
    const tokens = new Map<string, UpdateToken<string>>();
    const scheduler = new UpdateScheduler<string>(async (job, token) => {
      tokens.set(job, token);
      if (job === 'a') await gate.promise;
    });
    scheduler.submit('a');
    const a = tokens.get('a');
    expect(a?.isStale()).toBe(false);
    expect(a?.supersededBy()).toBeNull();

    scheduler.submit('b');
    expect(a?.isStale()).toBe(true);
    expect(a?.supersededBy()).toBe('b');
    scheduler.submit('c');
    expect(a?.supersededBy()).toBe('c');

    gate.resolve();
    await scheduler.idle();
    expect([...tokens.keys()]).toEqual(['a', 'c']);
    expect(tokens.get('c')?.isStale()).toBe(false);
  });

  it('treats a falsy job as a real newer job', async () => {
    const gate = deferred();
    let first: UpdateToken<number | null> | undefined;
    const runs: Array<number | null> = [];
    const scheduler = new UpdateScheduler<number | null>(async (job, token) => {
      runs.push(job);
      first ??= token;
      await gate.promise;
    });
    scheduler.submit(1);
    scheduler.submit(null);
    expect(first?.isStale()).toBe(true);
    gate.resolve();
    await scheduler.idle();
    expect(runs).toEqual([1, null]);
  });

  it('loses no job submitted at any microtask around the end of a run', async () => {
    // Submit the second job 0…20 microtask turns after the first was submitted: before, during and after the
    // scheduler notices the first run has finished. Every time both must run, and never at the same time.
    for (let turns = 0; turns <= 20; turns++) {
      const runs: number[] = [];
      let active = 0;
      let overlapped = false;
      const scheduler = new UpdateScheduler<number>(async (job) => {
        runs.push(job);
        overlapped ||= ++active > 1;
        await null;
        await null;
        active--;
      });
      scheduler.submit(1);
      for (let turn = 0; turn < turns; turn++) await null;
      scheduler.submit(2);
      await scheduler.idle();
      expect({ turns, runs, overlapped }).toEqual({ turns, runs: [1, 2], overlapped: false });
    }
  });

  it('loses no job submitted from inside the last microtask of the run itself', async () => {
    const runs: number[] = [];
    const scheduler: UpdateScheduler<number> = new UpdateScheduler<number>(async (job) => {
      runs.push(job);
      if (job === 1) queueMicrotask(() => scheduler.submit(2));
      if (job === 2) scheduler.submit(3);
    });
    scheduler.submit(1);
    await scheduler.idle();
    expect(runs).toEqual([1, 2, 3]);
  });

  it('keeps running after a run throws or rejects, and reports each error', async () => {
    const errors: unknown[] = [];
    const runs: string[] = [];
    const scheduler = new UpdateScheduler<string>(
      (job) => {
        runs.push(job);
        if (job === 'throws') throw new Error('thrown before any await');
        if (job === 'rejects') return Promise.reject(new Error('rejected'));
        return Promise.resolve();
      },
      { onError: (error) => errors.push(error) },
    );
    scheduler.submit('throws');
    await scheduler.idle();
    scheduler.submit('rejects');
    await scheduler.idle();
    scheduler.submit('fine');
    await scheduler.idle();

    expect(runs).toEqual(['throws', 'rejects', 'fine']);
    expect(errors.map((error) => (error as Error).message)).toEqual(['thrown before any await', 'rejected']);
  });

  it('resolves idle() at once when idle, and only after the waiting job when busy', async () => {
    await new UpdateScheduler<number>(async () => {}).idle();

    const gate = deferred();
    const done: number[] = [];
    const scheduler = new UpdateScheduler<number>(async (job) => {
      if (job === 1) await gate.promise;
      done.push(job);
    });
    scheduler.submit(1);
    scheduler.submit(2);
    expect(scheduler.busy).toBe(true);
    const idle = scheduler.idle().then(() => [...done]);
    gate.resolve();
    expect(await idle).toEqual([1, 2]);
    expect(scheduler.busy).toBe(false);
  });
});

describe('UpdateScheduler under a stream of jobs', () => {
  it('lets the running job through once jobs have been overtaken for maxStalenessMs, then runs the newest', async () => {
    let clock = 0;
    const gates = new Map<number, ReturnType<typeof deferred>>();
    const finished: Array<[number, boolean]> = [];
    const scheduler = new UpdateScheduler<number>(
      async (job, token) => {
        const gate = deferred();
        gates.set(job, gate);
        await gate.promise;
        finished.push([job, token.isStale()]);
      },
      { maxStalenessMs: 2000, now: () => clock },
    );
    scheduler.submit(1);
    // A newer job every 150 ms while job 1 runs for 1 s: job 1 is overtaken, job 8 (the newest then) runs next.
    for (let job = 2; job <= 8; job++) {
      clock += 150;
      scheduler.submit(job);
    }
    gates.get(1)!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toEqual([[1, true]]);
    // Job 8 runs while the stream goes on; 2 s after the overtaking began it is no longer stale.
    for (let job = 9; job <= 20; job++) {
      clock += 150;
      scheduler.submit(job);
    }
    expect(clock - 150).toBeGreaterThanOrEqual(2000);
    gates.get(8)!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toEqual([[1, true], [8, false]]);
    expect(scheduler.takeSkipped()).toBe(6 + 11);
    // The streak is over: job 20 runs and is judged afresh.
    gates.get(20)!.resolve();
    await scheduler.idle();
    expect(finished).toEqual([[1, true], [8, false], [20, false]]);
  });
});
