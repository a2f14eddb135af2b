// myplugin.js: the plugin (myplugin.so). Under plugin-swap a save loads it as a new plugin next to the old.

export function MyFunc() {
  return 'plugin v2';
}
