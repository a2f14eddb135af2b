// The engine reaches components through context, never a module singleton, so every test (and every
// runLab call) has its own engine.
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { EngineSnapshot, LabEngine } from '../../engine/types.ts';

interface EngineContextValue {
  engine: LabEngine;
  /** Stops the engine at most once, however many ways quitting is asked for (q, Ctrl+C, a crash). */
  stop: () => Promise<void>;
}

const EngineContext = createContext<EngineContextValue | null>(null);

/** Wraps `engine.stop()` so a second call returns the first call's promise. */
export function stopOnce(engine: LabEngine): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  return () => (stopping ??= engine.stop());
}

export function EngineProvider({ engine, stop, children }: { engine: LabEngine; stop?: () => Promise<void>; children: ReactNode }) {
  const value = useMemo(() => ({ engine, stop: stop ?? stopOnce(engine) }), [engine, stop]);
  return <EngineContext.Provider value={value}>{children}</EngineContext.Provider>;
}

function useEngineContext(): EngineContextValue {
  const value = useContext(EngineContext);
  if (!value) throw new Error('useEngine() needs an <EngineProvider> above it (runLab provides one).');
  return value;
}

export function useEngine(): LabEngine {
  return useEngineContext().engine;
}

export function useStopEngine(): () => Promise<void> {
  return useEngineContext().stop;
}

/** The engine's current snapshot; re-renders when the engine publishes a new one. */
export function useSnapshot(): EngineSnapshot {
  const engine = useEngine();
  // Bound here because an engine class's methods lose `this` when passed as bare functions.
  const subscribe = useCallback((listener: () => void) => engine.subscribe(listener), [engine]);
  const getSnapshot = useCallback(() => engine.getSnapshot(), [engine]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
