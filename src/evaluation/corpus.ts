import path from 'node:path';
import { projectRoot } from '../config.js';

/** The corpus the evaluation README says questions are asked against, relative to its root. */
export const EVALUATION_FOLDERS = ['seed', 'unsc-2020', ...Array.from({ length: 15 }, (_, i) => `ungdc/${2010 + i}`)];
export const DEFAULT_EVAL_ROOT = path.resolve(projectRoot, '..', 'shared', 'corpus');
/** Kept apart from the product's own index so the evaluation corpus never mixes with corpus/. */
export const DEFAULT_EVAL_INDEX = path.join(projectRoot, 'embeddings', 'eval-index');
