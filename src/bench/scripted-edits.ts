// The edits every strategy gets in the benchmark: the same service, the reply text changed each time.
// Only a function body changes, so every strategy (reflection-patch included) can apply every edit.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export function serviceSource(edition: number): string {
  return `let hits = 0;
export function handle(req) {
  hits++;
  return \`edition ${edition}: pong \${hits}\`;
}
export function snapshot() { return { hits }; }
export function migrate(prev) { hits = prev.hits; }
`;
}

/**
 * What is edited: the one-file service above, or the leaf of a program of three modules (service.js imports
 * routes.js, which imports lib/greet.js: the edit is two imports below the entry), where the entry holds the
 * counter and hands it over.
 */
export type ProgramShape = 'one file' | 'leaf of 3';

export const PROGRAM_SHAPES: ProgramShape[] = ['one file', 'leaf of 3'];

/** The workspace's files for `edition`, and the one module an edit changes. */
export function programFiles(shape: ProgramShape, edition: number): { files: Record<string, string>; edited: string } {
  if (shape === 'one file') return { files: { 'service.js': serviceSource(edition) }, edited: 'service.js' };
  return {
    edited: 'lib/greet.js',
    files: {
      'service.js': `import { route } from './routes.js';
let hits = 0;
export function handle(req) {
  hits++;
  return route(req.path, hits);
}
export function snapshot() { return { hits }; }
export function migrate(prev) { hits = prev.hits; }
`,
      'routes.js': `import { greet } from './lib/greet.js';
export function route(path, hits) {
  return greet(hits);
}
`,
      'lib/greet.js': `export function greet(hits) {
  return \`edition ${edition}: pong \${hits}\`;
}
`,
    },
  };
}

/** Write every file of a workspace (folders included). */
export async function writeProgram(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
}

export type SaveStyle = 'in-place' | 'rename';

/** Save the way editors do: write in place, or write a temp file and rename it over (vim, VS Code). */
export async function save(file: string, content: string, style: SaveStyle): Promise<void> {
  if (style === 'in-place') {
    await writeFile(file, content);
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}
