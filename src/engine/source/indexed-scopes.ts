// acorn keeps the names declared in each scope in plain arrays and checks every new declaration with indexOf
// (acorn 8.19, `declareName`): a module with n top-level declarations costs n²/2 string compares. Measured: a
// 0.5 MB service of small top-level functions spent 3.8 s parsing, 1 MB 13.5 s, most of it in declareName
// (issue 12, point 5: a large source stalled the whole host, HTTP included). This plugin gives each scope
// name lists that answer indexOf from an index, so parsing stays linear; acorn's own logic is untouched.
import { Parser } from 'acorn';

/** Below this many names a scan is cheaper than keeping a map (most scopes hold a handful). */
const INDEX_FROM = 16;

/** An array of names whose indexOf is a map lookup once it is long. Only push and indexOf are used on scope lists. */
class IndexedNames extends Array<string> {
  #first: Map<string, number> | null = null;

  override push(...names: string[]): number {
    for (const name of names) {
      super.push(name);
      if (this.#first) {
        if (!this.#first.has(name)) this.#first.set(name, this.length - 1);
      } else if (this.length > INDEX_FROM) {
        this.#first = new Map();
        for (let i = this.length - 1; i >= 0; i--) this.#first.set(this[i] as string, i);
      }
    }
    return this.length;
  }

  override indexOf(name: string, fromIndex?: number): number {
    if (!this.#first || fromIndex !== undefined) return super.indexOf(name, fromIndex);
    return this.#first.get(name) ?? -1;
  }

  // map/filter/slice on an Array subclass would construct this class with a length argument; plain arrays do.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

/** The parts of acorn's parser (not in its published types) that the plugin touches. */
interface ScopedParser {
  enterScope(flags: number): void;
  currentScope(): { var: string[]; lexical: string[]; functions: string[] };
}

function indexedScopes(Base: typeof Parser): typeof Parser {
  return class extends Base {
    enterScope(this: ScopedParser, flags: number): void {
      (Base.prototype as unknown as ScopedParser).enterScope.call(this, flags);
      const scope = this.currentScope();
      scope.var = new IndexedNames();
      scope.lexical = new IndexedNames();
      scope.functions = new IndexedNames();
    }
  };
}

/** acorn's Parser with linear-time scope bookkeeping. */
export const IndexedScopeParser = Parser.extend(indexedScopes);
