export function MyFuncV2() {
  return 'plugin v2';
}
