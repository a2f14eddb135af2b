// Everything learner code makes that hotlab shows (logs, error messages, feed bodies, REPL values, notes) reaches
// the lab printable: an escape sequence is shown, not obeyed (issue 12, point 9). HTTP answers stay byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

const ESC = '\u001b';
// Clear the screen, retitle the terminal, and a line break that starts a forged hotlab line; a bidi override.
const HOSTILE = `${ESC}[2J${ESC}]0;owned${'\u0007'}\nhotlab: serving evil\u202E`;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const service = `const hostile = ${JSON.stringify(HOSTILE)};
console.log(hostile);
hot.data.oops = { [hostile]: () => 1 };
export function handle(req) {
  console.warn('handling', hostile);
  if (req.path === '/throw') throw new Error(hostile);
  return hostile;
}
`;

describe('learner text is printable wherever hotlab shows it', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(service, { traffic: { rate: 0 }, http: { port: 0, host: '127.0.0.1' } });
  });
  afterAll(() => lab?.close());

  it('logs, feed bodies, errors and REPL values are neutralised; the HTTP answer is not', async () => {
    const ok = await lab.get('/');
    const failed = await lab.get('/throw');
    const http = await (await fetch(`${lab.engine.getSnapshot().httpUrl}/`)).text();
    expect(http).toBe(HOSTILE);
    const repl = await lab.engine.evaluate('hostile');

    const snapshot = lab.engine.getSnapshot();
    const shown = [
      ...snapshot.logs.map((entry) => entry.message),
      ...snapshot.feed.map((entry) => entry.body),
      failed.error ?? '',
      repl.ok ? repl.text : repl.error,
    ];
    for (const text of shown) expect(text, JSON.stringify(text)).not.toMatch(CONTROL);
    expect(snapshot.logs.some((entry) => entry.message.includes('␛[2J␛]0;owned␇␊hotlab: serving evil�'))).toBe(true);
    expect(failed.error).toContain('Error: ␛[2J');
    // The in-process answer is the service's own, as over HTTP; only what is shown is neutralised.
    expect(ok.body).toBe(HOSTILE);
  });

  it('a refusal that quotes learner keys is printable too', async () => {
    const record = await lab.save(service.replace('return hostile;', "return 'v2';"));
    expect(record.outcome).toBe('rejected');
    expect(record.reason).not.toMatch(CONTROL);
    expect(lab.engine.getSnapshot().rejection?.reason).toBe(record.reason); // the standing refusal the lab shows
    const next = await lab.save(service.replace('return hostile;', "return 'v3';"));
    expect(next.outcome).toBe('applied');
    for (const note of next.notes) expect(note).not.toMatch(CONTROL);
  });
});
