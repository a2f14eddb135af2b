// Which Node hotlab needs, and what a user on an older one reads. Imported only by the launcher, so it must parse
// and run on old Nodes too: no imports, no syntax newer than ES2017.

/** Keep in step with `engines.node` in package.json and src/build/check-node-version.cjs (a test compares them). */
export const REQUIRED_NODE_MAJOR = 24;

export function isOldNode(version: string): boolean {
  return Number(version.replace(/^v/, '').split('.')[0]) < REQUIRED_NODE_MAJOR;
}

/** Quote one word for a POSIX shell, only where it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `npx -y node@24 FILE ARGS`: npm fetches the `node` package (Node 24 for this platform) and runs FILE with it. That
 * is enough once hotlab is installed: isolated-vm's Node 24 build ships in its package and loads without a compiler.
 */
export function runOnNode24Command(cliPath: string, args: readonly string[]): string {
  return ['npx', '-y', `node@${REQUIRED_NODE_MAJOR}`, cliPath, ...args].map(shellWord).join(' ');
}

/** The Node found, the one needed, and a command that runs hotlab on the one needed. */
export function oldNodeMessage(found: { version: string; execPath: string }, command: string): string {
  return (
    `hotlab needs Node.js ${REQUIRED_NODE_MAJOR} or newer; this is Node.js ${found.version.replace(/^v/, '')} (${found.execPath}).\n` +
    `Run it on Node ${REQUIRED_NODE_MAJOR} from npm, without changing the Node on your system:\n` +
    `  ${command}\n` +
    `Or install Node.js ${REQUIRED_NODE_MAJOR} or newer (https://nodejs.org/en/download, or: nvm install ${REQUIRED_NODE_MAJOR}) and run hotlab again.\n`
  );
}
