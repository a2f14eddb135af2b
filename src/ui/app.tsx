// The root: provides the engine and the UI settings, and sizes the screen to the terminal (re-laid out
// on resize). Everything else is in LabScreen.
import { useWindowSize } from 'ink';
import { useMemo } from 'react';
import type { LessonSession } from '../engine/lessons/lesson-session.ts';
import type { LabEngine } from '../engine/types.ts';
import { EngineProvider } from './shared/engine-context.tsx';
import { LabScreen } from './lab-screen.tsx';
import { LessonsProvider } from './shared/lessons-context.tsx';
import { MESSAGES, type Lang } from './shared/messages.ts';
import { SettingsProvider } from './shared/settings-context.tsx';
import { createTheme } from './shared/theme.ts';

export interface AppProps {
  engine: LabEngine;
  /** @default 'en' */
  lang?: Lang;
  /** Colour on or off; runLab turns it off for NO_COLOR. @default true */
  color?: boolean;
  /** Paths on screen are shown relative to this folder. @default process.cwd() */
  cwd?: string;
  /** Stops the engine at most once; runLab shares it with its own shutdown path. @default engine.stop */
  stop?: () => Promise<void>;
  /** The lessons of this run; without it the lesson pane says how to start. @default null */
  lessons?: LessonSession | null;
}

export function App({ engine, lang = 'en', color = true, cwd = process.cwd(), stop, lessons = null }: AppProps) {
  const { columns, rows } = useWindowSize();
  const settings = useMemo(() => ({ theme: createTheme(color), messages: MESSAGES[lang], lang, cwd }), [color, lang, cwd]);
  return (
    <EngineProvider engine={engine} stop={stop}>
      <LessonsProvider session={lessons}>
        <SettingsProvider settings={settings}>
          <LabScreen columns={columns} rows={rows} />
        </SettingsProvider>
      </LessonsProvider>
    </EngineProvider>
  );
}
