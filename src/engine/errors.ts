// The engine's errors: one base class, and subclasses that carry what their message needs.
import type { SourceLocation } from './types.ts';

/** Base of every error the engine raises on purpose; anything else reaching the top is a bug. */
export class HotlabError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The learner's source cannot be run: a syntax error or a construct the sandbox does not offer (imports,
 * top-level await). `message` is the reason alone; where it happened is in `location`.
 */
export class SourceError extends HotlabError {
  readonly location: SourceLocation | undefined;

  constructor(message: string, location?: SourceLocation, options?: ErrorOptions) {
    super(message, options);
    this.location = location;
  }

  /** `service.js:3:14 — Unexpected token`, as a terminal line. */
  describe(): string {
    if (!this.location) return this.message;
    const { file, line, column } = this.location;
    return `${file}:${line}:${column} — ${this.message}`;
  }

  toJSON(): { name: string; message: string; location?: SourceLocation } {
    return this.location
      ? { name: this.name, message: this.message, location: { ...this.location } }
      : { name: this.name, message: this.message };
  }
}

/** The message of anything thrown, for a sentence a person reads. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A module imports a name the other module does not export: the link step fails (Go: `plugin.Lookup` fails). */
export class MissingExportError extends SourceError {
  /** The name looked up. */
  readonly symbol: string;

  constructor(message: string, symbol: string, location?: SourceLocation) {
    super(message, location);
    this.symbol = symbol;
  }
}
