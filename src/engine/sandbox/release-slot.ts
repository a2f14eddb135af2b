// Giving a version's memory back to the isolate. A context is only collected once nothing holds it, and the
// host-side handles isolated-vm hands out (the harness Reference, compiled Scripts) hold it until the child's
// own garbage collector finalises them — which a quiet child with a small heap may not do for a long time.
// Measured before releasing them explicitly: file-watch saves of a service holding 20 MB ran out of the 64 MB
// isolate at the fourth save, and the verifier grew ~1.1 MB per test-run of a 1 MB module (issue 12, point 4).
import type ivm from 'isolated-vm';

/** What one loaded version holds in the isolate. */
export interface ReleasableSlot {
  context: ivm.Context;
  harness: ivm.Reference<unknown>;
}

/** Release a version's harness and context now, so its heap can be collected by the next GC. */
export function releaseSlot(slot: ReleasableSlot): void {
  releaseQuietly(slot.harness);
  releaseQuietly(slot.context);
}

/** Release a handle that may already be gone with its isolate (disposed at the memory limit). */
export function releaseQuietly(handle: { release(): void }): void {
  try {
    handle.release();
  } catch {
    // Already released, or the isolate was disposed: either way nothing is held any more.
  }
}
