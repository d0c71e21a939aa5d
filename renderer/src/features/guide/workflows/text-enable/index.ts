import type { GuideWorkflow } from '../types';
import { TextEnableWizard } from './TextEnableWizard';

/** Workflow D of Sinch's guide: text-enable numbers (standard or toll-free), with the LOA decision. */
export const textEnableWorkflow: GuideWorkflow = {
  id: 'd',
  title: 'Text-enable numbers',
  question: 'Do you want numbers you already own to send and receive texts through Sinch?',
  component: TextEnableWizard,
};
