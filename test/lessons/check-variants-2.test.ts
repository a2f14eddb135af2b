// Variants of lesson 7 onwards, lessons added later included (check-variants.ts says what they prove).
import { describeVariants } from './check-variants.ts';

await describeVariants(6);
