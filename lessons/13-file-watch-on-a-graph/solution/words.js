// words.js: the leaf of the graph. Nothing imports it but reply.js.

export const word = 'hello';
