import { HotlabError } from '../engine/errors.ts';

/** The learner asked to quit and the engine failed to stop cleanly; reported after the screen is gone. */
export class LabStopError extends HotlabError {}
