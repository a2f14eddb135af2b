// The lesson session reaches components through context, like the engine. It is optional: the lab runs
// without lessons (the UI tests of the live service do), and then the lesson pane shows how to start.
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { LessonSession, LessonSnapshot } from '../../engine/lessons/lesson-session.ts';

const LessonsContext = createContext<LessonSession | null>(null);

export function LessonsProvider({ session, children }: { session: LessonSession | null; children: ReactNode }) {
  return <LessonsContext.Provider value={session}>{children}</LessonsContext.Provider>;
}

export function useLessonSession(): LessonSession | null {
  return useContext(LessonsContext);
}

const noSubscribe = () => () => {};
const noSnapshot = () => null;

/** The session's snapshot, or null without a session; re-renders when the session publishes a new one. */
export function useLessonSnapshot(): LessonSnapshot | null {
  const session = useLessonSession();
  const subscribe = useCallback((listener: () => void) => (session ? session.subscribe(listener) : noSubscribe()), [session]);
  const getSnapshot = useCallback(() => (session ? session.getSnapshot() : noSnapshot()), [session]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
