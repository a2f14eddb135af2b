export function MyFunc() {
  return 'plugin 2';
}
