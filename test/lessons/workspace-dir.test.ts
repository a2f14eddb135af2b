// Which workspace a command uses without --workspace, and when a command told to the learner must name it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandFor, resolveWorkspace } from '../../src/engine/lessons/workspace-dir.ts';

let here: string;
beforeEach(async () => {
  here = await mkdtemp(join(tmpdir(), 'hotlab-wsdir-'));
});
afterEach(async () => {
  await rm(here, { recursive: true, force: true });
});

describe('resolveWorkspace', () => {
  it('uses ./sandbox in a folder that is not a workspace, and names nothing for a command run from there', () => {
    expect(resolveWorkspace(undefined, here)).toEqual({ dir: join(here, 'sandbox'), option: '' });
    // Naming the folder the command would pick anyway needs no --workspace when told again.
    expect(resolveWorkspace('sandbox', here)).toEqual({ dir: join(here, 'sandbox'), option: '' });
    expect(commandFor('npx hotlab check', resolveWorkspace(undefined, here))).toBe('npx hotlab check');
  });

  it('uses the folder the learner stands in when it holds .hotlab/', async () => {
    await mkdir(join(here, '.hotlab'));
    expect(resolveWorkspace(undefined, here)).toEqual({ dir: here, option: '' });
    expect(resolveWorkspace('.', here).option).toBe('');
    // ./sandbox is now another folder than the one a bare command picks: told again, it needs the option.
    expect(resolveWorkspace('sandbox', here)).toEqual({ dir: join(here, 'sandbox'), option: '--workspace sandbox' });
  });

  it('names --workspace as the learner typed it, quoted for the shell when needed', () => {
    expect(commandFor('npx hotlab check 07', resolveWorkspace('../other', here))).toBe('npx hotlab check 07 --workspace ../other');
    expect(resolveWorkspace('/tmp/my lab', here).option).toBe("--workspace '/tmp/my lab'");
  });
});
