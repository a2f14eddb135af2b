export function MyFunc() {
  return 'hello from plugin 2';
}
