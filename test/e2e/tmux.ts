// Drives the real lab in a tmux session, as a person at a terminal would: keys in, screen text out.
import { execFileSync } from 'node:child_process';

export class TmuxSession {
  readonly socket: string;
  readonly name = 'lab';

  constructor(socket: string) {
    this.socket = socket;
  }

  static available(): boolean {
    try {
      execFileSync('tmux', ['-V'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  start(command: string, width: number, height: number, env: Record<string, string> = {}): void {
    const exports = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    this.#tmux('new-session', '-d', '-s', this.name, '-x', String(width), '-y', String(height), `${exports} ${command}; echo "EXIT CODE $?"; sleep 60`);
  }

  keys(...keys: string[]): void {
    this.#tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Literal text, not key names. */
  type(text: string): void {
    this.#tmux('send-keys', '-t', this.name, '-l', text);
  }

  screen(): string {
    return this.#tmux('capture-pane', '-t', this.name, '-p');
  }

  /** Polls the screen until it shows what `match` wants (the screen has no event to wait on). */
  async waitFor(match: RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const test = typeof match === 'function' ? match : (s: string) => match.test(s);
    const end = Date.now() + timeoutMs;
    let screen = this.screen();
    while (!test(screen)) {
      if (Date.now() > end) throw new Error(`screen never showed ${String(match)}; it shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
      screen = this.screen();
    }
    return screen;
  }

  kill(): void {
    try {
      this.#tmux('kill-server');
    } catch {
      // already gone
    }
  }

  #tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
}
