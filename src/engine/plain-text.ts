// Text that learner code made, made safe to print. A service's console.log, a thrown error's message or a
// response body reach `hotlab serve`'s output and the lab's screen; raw, an escape sequence in them retitles or
// clears the terminal, moves the cursor, or forges a `hotlab:` line after a newline (issue 12, point 9).

/** C0 controls (newline and tab included), DEL, C1 controls; and the bidirectional overrides and isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Replaces every control character with its visible Unicode "control picture" (ESC → ␛, newline → ␊, tab → ␉,
 * DEL → ␡), and C1 controls and bidirectional overrides with �. Everything else is left as it is.
 */
export function neutralise(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}
