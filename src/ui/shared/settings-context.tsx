// What does not change while the lab runs: colour theme, language and the folder paths are shown from.
import { createContext, useContext, type ReactNode } from 'react';
import { MESSAGES, type Lang, type Messages } from './messages.ts';
import { createTheme, type Theme } from './theme.ts';

export interface UiSettings {
  theme: Theme;
  messages: Messages;
  lang: Lang;
  /** Paths on screen are shown relative to this folder. */
  cwd: string;
}

const SettingsContext = createContext<UiSettings>({
  theme: createTheme(true),
  messages: MESSAGES.en,
  lang: 'en',
  cwd: process.cwd(),
});

export function SettingsProvider({ settings, children }: { settings: UiSettings; children: ReactNode }) {
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}

export function useSettings(): UiSettings {
  return useContext(SettingsContext);
}
