import { importOneWorkflow } from './a-import-one-wizard';
import { importSeveralWorkflow } from './b-import-several-wizard';
import { qualifyWorkflow } from './c-qualify-wizard';
import { orderStatusWorkflow } from './e-order-status-wizard';
import { manageWorkflow } from './f-manage-wizard';
import { textEnableWorkflow } from './text-enable';
import type { GuideWorkflow } from './types';

export type { GuideWorkflow } from './types';

/**
 * THE registry of guided workflows: the list at `/guide` and `/guide/$workflow` read only this.
 * It lists what exists; a new workflow is one folder under workflows/ exporting its entry, one import
 * above and one line below (in id order). Nothing else changes.
 */
export const WORKFLOWS: readonly GuideWorkflow[] = [
  importOneWorkflow,
  importSeveralWorkflow,
  qualifyWorkflow,
  textEnableWorkflow,
  orderStatusWorkflow,
  manageWorkflow,
];

export const findWorkflow = (id: string): GuideWorkflow | undefined => WORKFLOWS.find((w) => w.id === id);
