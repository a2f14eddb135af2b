export const word = 'hello';
