// Variants of lessons 1–6 (check-variants.ts says what they prove).
import { describeVariants } from './check-variants.ts';

await describeVariants(0, 6);
