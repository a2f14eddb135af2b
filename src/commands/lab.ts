// `hotlab`: the lab in the terminal. Prepares the workspace, starts the engine, hands it to the screen.
import { join } from 'node:path';
import { Engine } from '../engine/engine.ts';
import { LessonSession, prepareLessonWorkspace } from '../engine/lessons/lesson-session.ts';
import { loadLessons } from '../engine/lessons/load-lessons.ts';
import { CheckRunner } from '../engine/lessons/run-check.ts';
import { resolveWorkspace } from '../engine/lessons/workspace-dir.ts';
import { importEagerly } from './import-eagerly.ts';
import { quitOnHangUp } from './lab-hang-up.ts';

export interface LabOptions {
  /** @default the current folder when it holds .hotlab/, else ./sandbox (workspace-dir.ts) */
  workspace?: string;
  lang?: 'en' | 'zh';
  /** In-process traffic, requests per second. @default 20 */
  rate?: number;
  /** Poll the file instead of waiting for file system events (hotlab doctor says when). @default false */
  polling?: boolean;
  /** HTTP port; taken or not, the lab starts (on any free port) and says where. @default 8787 */
  port?: number;
  /** Address to listen on. @default 127.0.0.1 */
  host?: string;
}

const PREFERRED_PORT = 8787;

/** What to run instead when there is no terminal (a script, CI, a pipe): every headless command. */
export const NO_TTY_MESSAGE =
  'hotlab: the lab needs an interactive terminal (no TTY here).\n' +
  'Without one, use the headless commands:\n' +
  '  npx hotlab lessons [--workspace DIR]                the lessons and your progress\n' +
  '  npx hotlab check [LESSON] [--workspace DIR] [--json]  check your service.js against a lesson (exit 0 = pass)\n' +
  '  npx hotlab serve sandbox/service.js [--strategy file-watch|plugin-swap|reflection-patch|binary-replace] [--json]\n' +
  '  npx hotlab bench [--json]                           the same edits under every strategy, one table\n' +
  'Run npx hotlab --help for every option.\n';

export async function openLab(options: LabOptions): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(NO_TTY_MESSAGE);
    return 2;
  }
  const workspace = resolveWorkspace(options.workspace).dir;
  const { lessons } = await loadLessons();
  // The current lesson's starter files are copied only where missing: a learner's edit is never replaced.
  const prepared = await prepareLessonWorkspace(lessons, workspace);
  // The engine runs the lesson's program from its entry (service.js, or service.ts for a TypeScript lesson).
  const file = join(workspace, prepared.lesson.entry);
  const created = prepared.copied.includes(prepared.lesson.entry);
  process.stdout.write(`hotlab: workspace ${workspace}${created ? ' (new: starter service copied)' : ''} — edit ${file} in your editor.\n`);
  const { lesson } = prepared;
  const engine = new Engine({
    file,
    http: { port: options.port ?? PREFERRED_PORT, host: options.host ?? '127.0.0.1', anyPortIfTaken: true },
    strategy: lesson.strategy,
    ...(lesson.restart ? { restart: lesson.restart } : {}),
    traffic: { rate: options.rate ?? 20, requests: lesson.requests },
    watch: { polling: options.polling ?? false },
  });
  // Keeps the next check's scratch service booted while the learner edits: a save's result comes without a boot.
  // Its checks hold their requests and saves while one of the learner's updates is being timed (issue 11).
  const checks = new CheckRunner({ yieldTo: engine });
  const session = new LessonSession({
    lessons,
    workspace,
    engine,
    progress: prepared.progress,
    runCheck: (checked, files) => checks.run(checked, files),
    ...(prepared.problem ? { problem: prepared.problem } : {}),
    keptFiles: prepared.keptFiles,
  });
  // React's development build renders about twice as slowly; it must be chosen before React is first loaded.
  process.env.NODE_ENV ??= 'production';
  const { runLab } = await importEagerly(() => import('../ui/run-lab.tsx'));
  // The first frame comes up at once and shows the sandbox starting; the engine boots behind it.
  const lab = runLab(engine, { lang: options.lang ?? localeLanguage(), lessons: session });
  // Closing the terminal quits as q does: the clean-up below runs (scratch folders, sandboxes, the HTTP port).
  const stopListening = quitOnHangUp(() => lab.close());
  // v1's process is spawned first thing after the frame, before start() reads and compiles the program, and boots
  // alone (the verifier follows once v1 serves). Not before the frame: spawning blocks this process until the
  // child has exec'd, which on a busy machine took hundreds of ms away from the first frame.
  engine.prepareFirstSandbox();
  // The checklist is live from the first frame: check the file as it is now.
  session.requestCheck();
  const started = engine.start().then(
    () => null,
    (error: unknown) => error,
  );
  const failure = await Promise.race([started, lab.waitUntilExit().then(() => null)]);
  if (failure) {
    // The lab cannot run (the HTTP port, the sandbox process): close the screen so the error reaches the shell,
    // rather than leaving a frame that says "starting" over nothing.
    lab.close();
    session.dispose();
    await checks.close();
    await engine.stop();
    await lab.waitUntilExit().catch(() => undefined);
    stopListening();
    throw failure;
  }
  await lab.waitUntilExit();
  session.dispose();
  await checks.close();
  await engine.stop();
  stopListening();
  return 0;
}

function localeLanguage(): 'en' | 'zh' {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
