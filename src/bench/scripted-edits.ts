// The edits every strategy gets in the benchmark: the same service, the reply text changed each time.
// Only a function body changes, so every strategy (reflection-patch included) can apply every edit.
import { rename, writeFile } from 'node:fs/promises';

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
