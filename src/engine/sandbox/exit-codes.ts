/** Exit code of a sandbox child whose isolate hit its memory limit: its state is gone, so the engine restarts it. */
export const EXIT_ISOLATE_DISPOSED = 70;
