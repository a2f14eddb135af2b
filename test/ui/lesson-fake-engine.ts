// The fake engine plus what a lesson session needs of the engine: new programs, and update events it can emit.
import { EventEmitter } from 'node:events';
import type { ProgramOptions } from '../../src/engine/engine.ts';
import type { LessonEngine } from '../../src/engine/lessons/lesson-session.ts';
import type { UpdateRecord } from '../../src/engine/types.ts';
import { FakeEngine } from './fake-engine.ts';

export class LessonFakeEngine extends FakeEngine implements LessonEngine {
  readonly events = new EventEmitter<{ update: [UpdateRecord]; rejected: [UpdateRecord]; reverted: [unknown] }>();
  readonly programs: ProgramOptions[] = [];
  async restartProgram(options: ProgramOptions): Promise<unknown> {
    // The lesson's files are written as the engine does it: after the old program stops taking saves.
    const { prepareFiles, ...program } = options;
    await prepareFiles?.();
    this.programs.push(program);
    this.publish({ strategy: options.strategy, restart: options.restart ?? 'graceful', version: 1, updates: [], logs: [], feed: [], rejection: null });
    return { version: 1, rejection: null };
  }
  on(event: 'update' | 'rejected' | 'reverted', listener: (record: unknown) => void): void {
    this.events.on(event, listener);
  }
  off(event: 'update' | 'rejected' | 'reverted', listener: (record: unknown) => void): void {
    this.events.off(event, listener);
  }
}

