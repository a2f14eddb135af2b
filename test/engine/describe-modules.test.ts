import { describe, expect, it } from 'vitest';
import { describeModules, MODULE_WORDS_EN, type ModuleWords } from '../../src/engine/describe-modules.ts';
import type { ModuleChange } from '../../src/engine/types.ts';

const change = (module: string, action: ModuleChange['action'], stateKept = false, stateful = true, cause: ModuleChange['cause'] = 'changed'): ModuleChange => ({ module, action, cause, stateKept, stateful });

describe('the modules line of an update', () => {
  it('shows a file-watch propagation path and where state was lost', () => {
    const line = describeModules({ outcome: 'applied', modules: [change('greet.js', 're-ran'), change('routes.js', 're-ran', false, true, 'importer'), change('service.js', 're-ran', false, true, 'importer')] }, 3);
    expect(line).toBe('greet.js → routes.js → service.js re-run · state lost in 3 modules');
  });

  it('says which modules kept running beside a swapped one', () => {
    const line = describeModules({ outcome: 'applied', modules: [change('greet.js', 'swapped', true)] }, 3);
    expect(line).toBe('greet.js swapped in next to the old instance · 2 other modules kept running · state kept in greet.js');
  });

  it('does not call a module of functions alone a loss', () => {
    expect(describeModules({ outcome: 'applied', modules: [change('greet.js', 'patched', true, false)] }, 2)).toBe('greet.js patched in place · 1 other module kept running · no replaced module held state');
  });

  it('says nothing for a one-module program, or a rejection', () => {
    expect(describeModules({ outcome: 'applied', modules: [change('service.js', 're-ran')] }, 1)).toBeNull();
    expect(describeModules({ outcome: 'rejected', modules: [] }, 3)).toBeNull();
  });

  it('says the same decisions in other words when the caller passes them', () => {
    const words: ModuleWords = { ...MODULE_WORDS_EN, reRun: (chain) => `RERUN(${chain})`, stateLost: (where) => `LOST(${where})`, modules: (n) => `N${n}`, separator: ' | ' };
    const line = describeModules({ outcome: 'applied', modules: [change('greet.js', 're-ran'), change('routes.js', 're-ran', false, false, 'importer'), change('service.js', 're-ran', false, true, 'importer')] }, 3, words);
    expect(line).toBe('RERUN(greet.js → routes.js → service.js) | LOST(N2)');
  });
});
