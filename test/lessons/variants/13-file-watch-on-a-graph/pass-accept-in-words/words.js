// words.js takes its own updates: a save of it re-runs it alone.
hot.accept();

export const word = 'hello';
