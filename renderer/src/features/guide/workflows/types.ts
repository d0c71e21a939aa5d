import type { ComponentType } from 'react';
import type { WorkflowId } from '../guide-view';

/**
 * One guided workflow as the list and `/guide/$workflow` know it. `question` is the plain question
 * the list asks for it ("Do you want to …?"); `component` renders the wizard (usually a `GuideSteps`).
 */
export type GuideWorkflow = {
  id: WorkflowId;
  title: string;
  question: string;
  component: ComponentType;
};
