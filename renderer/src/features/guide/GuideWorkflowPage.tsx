import { Link, useParams } from '@tanstack/react-router';
import { EmptyState } from '../../ui/EmptyState';
import { findWorkflow } from './workflows';
import './guide.css';

/** `/guide/$workflow`: the workflow's wizard under its title, or what to do when the link is wrong. */
export function GuideWorkflowPage() {
  const { workflow: id } = useParams({ from: '/guide/$workflow' });
  const workflow = findWorkflow(id);
  if (!workflow)
    return (
      <section className="page" aria-labelledby="guide-missing">
        <h1 id="guide-missing">No such guided workflow</h1>
        <EmptyState title="This link does not open a guided workflow">
          <Link to="/guide" className="link">
            Choose one from Guided workflows
          </Link>
        </EmptyState>
      </section>
    );
  const Wizard = workflow.component;
  return (
    <section className="page" aria-labelledby="guide-workflow-title">
      <div className="page-head">
        <p className="guide-crumb">
          <Link to="/guide" className="link">
            Guided workflows
          </Link>
        </p>
        <h1 id="guide-workflow-title">{workflow.title}</h1>
      </div>
      <Wizard />
    </section>
  );
}
