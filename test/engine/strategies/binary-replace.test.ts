import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { counter, SNAPSHOT_MIGRATE, startLab, type Lab } from '../lab-fixture.ts';

describe('binary-replace: new artifact, atomic rename, new process', () => {
  let lab: Lab;
  afterEach(() => lab?.close());

  it('graceful: builds an artifact, boots a new process from it, hands state over, fails no request', async () => {
    lab = await startLab(counter('v1', SNAPSHOT_MIGRATE), { strategy: 'binary-replace', restart: 'graceful', traffic: { rate: 500 } });
    const pidBefore = lab.engine.getSnapshot().sandbox.pid;
    const record = await lab.save(counter('v2', SNAPSHOT_MIGRATE));
    expect(record).toMatchObject({ outcome: 'applied', restart: 'graceful', failedRequests: 0, stateKept: true });
    const artifact = JSON.parse(await readFile(join(lab.dir, '.hotlab', 'bin', 'service.artifact'), 'utf8'));
    expect(artifact.version).toBe(2);
    expect(artifact.program.modules[0].code).toContain('v2');
    expect(lab.engine.getSnapshot().sandbox.pid).not.toBe(pidBefore);
    const after = await lab.get();
    expect(after.body).toMatch(/^v2 \d+$/);
    expect(Number(after.body.split(' ')[1])).toBeGreaterThan(10); // the counter carried on
  });

  it('cold: stops the old process first, so state is lost and the gap is visible', async () => {
    lab = await startLab(counter('v1', SNAPSHOT_MIGRATE), { strategy: 'binary-replace', restart: 'cold', traffic: { rate: 1000 } });
    const record = await lab.save(counter('v2', SNAPSHOT_MIGRATE));
    expect(record).toMatchObject({ outcome: 'applied', restart: 'cold', stateKept: false });
    expect(record.failedRequests).toBeGreaterThan(0);
    expect(record.downtimeMs).toBeGreaterThan(0);
  });

  it('cold: the outage counts as downtime even when no request fell in it (the lab sends only a few a second)', async () => {
    lab = await startLab(counter('v1'), { strategy: 'binary-replace', restart: 'cold', traffic: { rate: 0 } });
    const record = await lab.save(counter('v2'));
    expect(record).toMatchObject({ outcome: 'applied', restart: 'cold', failedRequests: 0 });
    // From stopping the old process to the new one's first answer: never 0, and never more than the whole update.
    expect(record.downtimeMs).toBeGreaterThan(0);
    expect(record.downtimeMs).toBeLessThanOrEqual(record.total!);
  });

  it('graceful: a new build that fails to start leaves the old process serving', async () => {
    lab = await startLab(counter('v1'), { strategy: 'binary-replace', restart: 'graceful', traffic: { rate: 200 } });
    const record = await lab.save('throw new Error("boom at boot");\nexport function handle() { return "never"; }\n');
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('boom at boot');
    expect(record.reason).toContain('v1 keeps serving');
    expect(record.failedRequests).toBe(0);
    expect((await lab.get()).body).toMatch(/^v1/);
  });

  it('cold: a new build that fails to start leaves the service down until a good build', async () => {
    lab = await startLab(counter('v1'), { strategy: 'binary-replace', restart: 'cold', traffic: { rate: 100 } });
    const bad = await lab.save('throw new Error("boom at boot");\nexport function handle() { return "never"; }\n');
    expect(bad.outcome).toBe('rejected');
    expect(bad.reason).toContain('down (503) until a good build');
    const down = await lab.get();
    expect(down.status).toBe(503);
    expect(down.failed).toBe(true);
    // A second bad build while down: nothing was stopped this time, and the message says so.
    const again = await lab.save('throw new Error("boom again");\nexport function handle() { return "never"; }\n');
    expect(again.outcome).toBe('rejected');
    expect(again.reason).toContain('the service is still down (503) until a good build');
    expect(again.reason).not.toContain('v?');
    const good = await lab.save(counter('v3'));
    expect(good.outcome).toBe('applied');
    expect((await lab.get()).body).toMatch(/^v3/);
  });
});
