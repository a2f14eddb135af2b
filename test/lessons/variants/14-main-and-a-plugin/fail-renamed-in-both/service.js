import { MyFuncV2 } from './myplugin.js';

let served = 0;

export function handle(req) {
  served++;
  return `${MyFuncV2()}, served ${served}`;
}
