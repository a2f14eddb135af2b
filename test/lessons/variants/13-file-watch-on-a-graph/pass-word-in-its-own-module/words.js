// The word now comes from a module of its own; words.js passes it on.
export { greeting as word } from './greeting.js';
