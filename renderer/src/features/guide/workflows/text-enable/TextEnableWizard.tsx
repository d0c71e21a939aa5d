import { GuideSteps } from '../../GuideSteps';

/** Workflow D (first cut: the frame's example; the steps follow in the next commits). */
export function TextEnableWizard() {
  return (
    <GuideSteps
      label="Text-enable numbers"
      steps={[
        { title: 'Your numbers', content: <p>Type or paste the numbers to text-enable.</p> },
        { title: 'Who signs the LOA', content: <p>Direct, reseller or blanket.</p> },
      ]}
    />
  );
}
