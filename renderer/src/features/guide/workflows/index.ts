import { textEnableWorkflow } from './text-enable';
import type { GuideWorkflow } from './types';

export type { GuideWorkflow } from './types';

/**
 * THE registry of guided workflows: the list at `/guide` and `/guide/$workflow` read only this.
 * It lists what exists; a new workflow is one folder under workflows/ exporting its entry, one import
 * above and one line below (in id order). Nothing else changes.
 */
export const WORKFLOWS: readonly GuideWorkflow[] = [
  // a, b, c
  textEnableWorkflow,
  // e, f
];

export const findWorkflow = (id: string): GuideWorkflow | undefined => WORKFLOWS.find((w) => w.id === id);
