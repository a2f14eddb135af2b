export function MyFuncV2() {
  return 'hello from plugin v2';
}
