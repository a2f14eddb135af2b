// Turns the learner's ES module into what the sandbox runs: one classic script with the same positions.
// Imports and re-exports are blanked in place and listed as requests: the module graph links them.
import type { ExportAllDeclaration, ExportDefaultDeclaration, ExportNamedDeclaration, Identifier, ImportDeclaration, Literal, Node, Statement, Token } from 'acorn';
import { SourceError } from '../errors.ts';
import type { SourceLocation } from '../types.ts';
import { declaredNames } from './declared-names.ts';
import { Fingerprinter } from './fingerprint.ts';
import { implicitSemicolonCollector } from './implicit-semicolons.ts';
import { LineIndex, locationAt } from './locate.ts';
import { DEFAULT_EXPORT_BINDING } from './module-shape.ts';
import type { ModuleShape, TopLevelItem } from './module-shape.ts';
import { parseModule } from './parse-module.ts';
import { PositionPreservingText, spansLines } from './position-preserving-text.ts';
import { checkTopLevelRules, sandboxRulesVisitor } from './sandbox-rules.ts';
import { hotDataReadCollector } from './reads-hot-data.ts';
import { isTypeScript, stripTypes } from './strip-types.ts';
import type { ModuleRequest } from './module-shape.ts';
import { walkNodes } from './walk-nodes.ts';

/** Same length as `export default`, so nothing after it moves. */
const DEFAULT_EXPORT_REPLACEMENT = `var ${DEFAULT_EXPORT_BINDING}=`;

/**
 * Parse the learner's module and produce the script the sandbox runs plus its shape (exports, imports and
 * top-level items). A `.ts` module has its types stripped in place first. Throws SourceError, located in
 * `file`, for syntax errors, types that cannot be stripped, dynamic imports and top-level await.
 */
export function compileModule(saved: string, file: string): ModuleShape {
  // A UTF-8 byte order mark is not part of the program, and editors do not count it as a column: everything is
  // read without it, so line 1's columns are the editor's (issue 12, point 9). The source is kept as saved.
  const source = saved.charCodeAt(0) === 0xfeff ? saved.slice(1) : saved;
  const javascript = isTypeScript(file) ? stripTypes(source, file) : source;
  const { program, tokens } = parseModule(javascript, file);
  checkTopLevelRules(program, javascript, file);
  // One walk of the whole tree for all three: on a large source the walk is a good part of the compile.
  const rules = sandboxRulesVisitor(javascript, file);
  const semicolons = implicitSemicolonCollector(javascript);
  const hotData = hotDataReadCollector();
  walkNodes(program, (node, functionDepth) => {
    rules(node, functionDepth);
    semicolons.visit(node, functionDepth);
    hotData.visit(node);
  });
  const reader = new ItemReader(javascript, source, file, tokens, new Fingerprinter(javascript, tokens, semicolons.offsets()));
  const code = new PositionPreservingText(javascript);
  // A hashbang is only legal as a script's very first characters, where the runtime puts 'use strict'.
  if (javascript.startsWith('#!')) code.blank(0, lineEnd(javascript, 0));

  const exports: Record<string, string> = {};
  const topLevel: TopLevelItem[] = [];
  const requests: ModuleRequest[] = [];
  let defaultBinding: TopLevelItem | undefined;
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ExportNamedDeclaration': {
        if (statement.source) {
          code.blank(statement.start, statement.end);
          requests.push(reExportRequest(statement, statement.source, reader));
        } else if (statement.declaration) {
          code.blank(statement.start, statement.declaration.start);
          const item = reader.read(statement.declaration);
          topLevel.push(item);
          for (const name of boundNames(item)) exports[name] = name;
        } else {
          code.blank(statement.start, statement.end);
          for (const specifier of statement.specifiers) exports[nameOf(specifier.exported)] = nameOf(specifier.local);
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const item = compileDefaultExport(statement, reader, code, exports);
        topLevel.push(item);
        if (exports['default'] === DEFAULT_EXPORT_BINDING) defaultBinding = item;
        break;
      }
      case 'ImportDeclaration':
        code.blank(statement.start, statement.end);
        requests.push(importRequest(statement, reader));
        break;
      case 'ExportAllDeclaration':
        code.blank(statement.start, statement.end);
        requests.push(exportAllRequest(statement, reader));
        break;
      case 'EmptyStatement':
        // A stray `;` is not a change worth refusing a patch over.
        break;
      default:
        topLevel.push(reader.read(statement));
    }
  }
  if (defaultBinding) rejectDefaultBindingClash(defaultBinding, topLevel);
  return { file, source: saved, code: code.toString(), exports, topLevel, requests, readsHotData: hotData.reads() };
}

function importRequest(statement: ImportDeclaration, reader: ItemReader): ModuleRequest {
  const imports = statement.specifiers.map((specifier) => {
    switch (specifier.type) {
      case 'ImportDefaultSpecifier':
        return { local: specifier.local.name, imported: 'default' };
      case 'ImportNamespaceSpecifier':
        return { local: specifier.local.name, imported: '*' };
      default:
        return { local: specifier.local.name, imported: nameOf(specifier.imported) };
    }
  });
  return { specifier: String(statement.source.value), location: reader.locationOf(statement.source), imports, reExports: [] };
}

function reExportRequest(statement: ExportNamedDeclaration, source: Literal, reader: ItemReader): ModuleRequest {
  const reExports = statement.specifiers.map((specifier) => ({ exported: nameOf(specifier.exported), imported: nameOf(specifier.local) }));
  return { specifier: String(source.value), location: reader.locationOf(source), imports: [], reExports };
}

function exportAllRequest(statement: ExportAllDeclaration, reader: ItemReader): ModuleRequest {
  const exported = statement.exported ? nameOf(statement.exported) : '*';
  return { specifier: String(statement.source.value), location: reader.locationOf(statement.source), imports: [], reExports: [{ exported, imported: '*' }] };
}

function compileDefaultExport(
  statement: ExportDefaultDeclaration,
  reader: ItemReader,
  code: PositionPreservingText,
  exports: Record<string, string>,
): TopLevelItem {
  const { declaration } = statement;
  if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
    code.blank(statement.start, declaration.start);
    exports['default'] = declaration.id.name;
    return reader.read(declaration as Statement);
  }
  // An expression (or an anonymous function/class): give it a binding the harness can read by name.
  const keywordsEnd = reader.endOfDefaultKeyword(statement);
  if (spansLines(reader.source, statement.start, keywordsEnd)) {
    throw new SourceError(
      'write `export default` on one line: hotlab rewrites it in place to keep every position, and cannot across a line break',
      locationAt(reader.file, reader.source, statement.start),
    );
  }
  code.overwrite(statement.start, keywordsEnd, DEFAULT_EXPORT_REPLACEMENT);
  exports['default'] = DEFAULT_EXPORT_BINDING;
  return reader.defaultBinding(statement);
}

/** Builds TopLevelItems from nodes of one parsed source. */
class ItemReader {
  /** The JavaScript that was parsed (the learner's source with types blanked, for a `.ts` module). */
  readonly source: string;
  /** The learner's source: same offsets, with the types. */
  readonly #learnerSource: string;
  readonly file: string;
  readonly #tokens: readonly Token[];
  readonly #fingerprinter: Fingerprinter;
  readonly #lines: LineIndex;

  constructor(source: string, learnerSource: string, file: string, tokens: readonly Token[], fingerprinter: Fingerprinter) {
    this.source = source;
    this.#learnerSource = learnerSource;
    this.file = file;
    this.#tokens = tokens;
    this.#fingerprinter = fingerprinter;
    this.#lines = new LineIndex(source);
  }

  read(node: Statement): TopLevelItem {
    const base = this.#base(node);
    switch (node.type) {
      case 'FunctionDeclaration':
        return { kind: 'function', name: node.id.name, async: node.async, generator: node.generator, ...base };
      case 'ClassDeclaration':
        return { kind: 'binding', names: [node.id.name], declaration: 'class', ...base };
      case 'VariableDeclaration':
        // `using` never reaches here: checkTopLevelRules refused it at the top level.
        if (node.kind === 'let' || node.kind === 'const' || node.kind === 'var') {
          return { kind: 'binding', names: declaredNames(node), declaration: node.kind, ...base };
        }
        return { kind: 'statement', ...base };
      default:
        return { kind: 'statement', ...base };
    }
  }

  /** `export default <expression>` as the binding it runs as: `var __default = <expression>`. */
  defaultBinding(statement: ExportDefaultDeclaration): TopLevelItem {
    const expression = this.source.slice(statement.declaration.start, statement.end);
    return {
      kind: 'binding',
      names: [DEFAULT_EXPORT_BINDING],
      declaration: 'var',
      text: `var ${DEFAULT_EXPORT_BINDING} = ${expression}`,
      shown: `var ${DEFAULT_EXPORT_BINDING} = ${this.#learnerSource.slice(statement.declaration.start, statement.end)}`,
      location: this.locationOf(statement),
      start: statement.start,
      end: statement.end,
      fingerprint: this.#fingerprinter.of(statement.start, statement.end),
    };
  }

  /** Offset just past the `default` keyword of an `export default …` (comments may sit in between). */
  endOfDefaultKeyword(statement: ExportDefaultDeclaration): number {
    const keyword = this.#tokens.find((token) => token.start > statement.start && token.type.label === 'default');
    if (!keyword) throw new Error('acorn produced an export default without a default token');
    return keyword.end;
  }

  #base(node: Node): Pick<TopLevelItem, 'text' | 'shown' | 'location' | 'start' | 'end' | 'fingerprint'> {
    return {
      text: this.source.slice(node.start, node.end),
      shown: this.#learnerSource.slice(node.start, node.end),
      location: this.locationOf(node),
      start: node.start,
      end: node.end,
      fingerprint: this.#fingerprinter.of(node.start, node.end),
    };
  }

  locationOf(node: Node): SourceLocation {
    return this.#lines.at(this.file, node.start);
  }
}

function boundNames(item: TopLevelItem): string[] {
  if (item.kind === 'function') return [item.name];
  if (item.kind === 'binding') return item.names;
  return [];
}

function nameOf(node: Identifier | Literal): string {
  return node.type === 'Identifier' ? node.name : String(node.value);
}

function lineEnd(source: string, from: number): number {
  const match = /[\n\r\u2028\u2029]/.exec(source.slice(from));
  return match ? from + match.index : source.length;
}

/** `export default <expression>` declares `__default`; a learner binding of that name would collide. */
function rejectDefaultBindingClash(defaultItem: TopLevelItem, topLevel: readonly TopLevelItem[]): void {
  const clash = topLevel.find((item) => item !== defaultItem && boundNames(item).includes(DEFAULT_EXPORT_BINDING));
  if (clash) {
    throw new SourceError(
      `\`${DEFAULT_EXPORT_BINDING}\` is reserved: \`export default <expression>\` runs as \`var ${DEFAULT_EXPORT_BINDING} = …\`. Rename your binding.`,
      clash.location,
    );
  }
}
