// Plugin v2 keeps a count of its own: a new plugin starts it from zero, main's count is not affected.
const VERSION = 2;
let calls = 0;

function greet() {
  calls++;
  return `plugin v${VERSION}`;
}

export { greet as MyFunc };
