// Strategy name → implementation. An unknown name is an error that lists the valid ones.
import { HotlabError } from '../errors.ts';
import { STRATEGY_NAMES, type StrategyName } from '../types.ts';
import { binaryReplace } from './binary-replace.ts';
import { fileWatch } from './file-watch.ts';
import { pluginSwap } from './plugin-swap.ts';
import { reflectionPatch } from './reflection-patch.ts';
import type { Strategy } from './strategy.ts';

const STRATEGIES: Record<StrategyName, Strategy> = {
  'file-watch': fileWatch,
  'plugin-swap': pluginSwap,
  'reflection-patch': reflectionPatch,
  'binary-replace': binaryReplace,
};

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}

export function strategyNamed(name: string): Strategy {
  if (!isStrategyName(name)) throw new HotlabError(`unknown strategy "${name}": choose one of ${STRATEGY_NAMES.join(', ')}`);
  return STRATEGIES[name];
}
