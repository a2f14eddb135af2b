// Colour is decided once, here. With colour off (NO_COLOR) every style is empty, so Ink emits no escape
// codes at all; meaning never depends on colour alone (✓/✗, brackets around the active strategy).
import type { TextProps } from 'ink';

export type Tone = 'good' | 'bad' | 'warn' | 'muted' | 'accent' | 'strong' | 'active' | 'heading';
export type TextStyle = Pick<TextProps, 'color' | 'bold' | 'dimColor' | 'inverse'>;

export interface Theme {
  color: boolean;
  tone(tone: Tone): TextStyle;
  /** A colour per version, cycling, so v3 → v4 is visible at a glance in a busy feed. */
  version(version: number | null): TextStyle;
}

const TONES: Record<Tone, TextStyle> = {
  good: { color: 'green' },
  bad: { color: 'red' },
  warn: { color: 'yellow' },
  muted: { color: 'gray' },
  accent: { color: 'cyan' },
  strong: { bold: true },
  active: { inverse: true, bold: true },
  // Bold, not white: white text disappears on a light terminal background.
  heading: { bold: true },
};

// No red or green: those mean failed and good. Neighbouring versions always differ.
const VERSION_COLORS = ['cyan', 'magenta', 'yellow', 'blue', 'cyanBright', 'magentaBright', 'yellowBright', 'blueBright'];

const NONE: TextStyle = {};

export function createTheme(color: boolean): Theme {
  return {
    color,
    tone: (tone) => (color ? TONES[tone] : NONE),
    version: (version) => {
      if (!color) return NONE;
      if (version === null) return TONES.muted;
      return { color: VERSION_COLORS[(((version - 1) % VERSION_COLORS.length) + VERSION_COLORS.length) % VERSION_COLORS.length] };
    },
  };
}

/**
 * Colour is on unless NO_COLOR is set to a non-empty value (https://no-color.org). Chalk, which Ink uses,
 * honours FORCE_COLOR and the TTY but not NO_COLOR, so the lab checks it itself.
 */
export function colorFromEnv(env: Record<string, string | undefined>): boolean {
  const noColor = env['NO_COLOR'];
  return noColor === undefined || noColor === '';
}
