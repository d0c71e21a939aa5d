import { Link } from '@tanstack/react-router';
import { availableTree, DECISION_TREE, type TreeNode } from './guide-view';
import { findWorkflow, WORKFLOWS } from './workflows';
import './guide.css';

/**
 * `/guide`: Sinch's decision tree as plain questions; each answer opens its workflow's wizard.
 * Every wizard works on the same drafts, plan, queue and screens as the rest of the desk.
 */
export function GuideListPage() {
  const tree = availableTree(DECISION_TREE.children, (id) => findWorkflow(id) !== undefined);
  return (
    <section className="page" aria-labelledby="guide-title">
      <div className="page-head">
        <h1 id="guide-title">Guided workflows</h1>
        <p className="page-lede">
          No spreadsheet? Answer a few questions and the desk walks you through the same screens, one step at
          a time. Nothing is sent before you confirm the plan.
        </p>
      </div>
      <section className="guide-tree" aria-labelledby="guide-question">
        <h2 id="guide-question">{DECISION_TREE.question}</h2>
        <Answers nodes={tree} />
      </section>
      <section aria-labelledby="guide-all">
        <h2 id="guide-all" className="section-title">
          All guided workflows
        </h2>
        <ul className="guide-cards">
          {WORKFLOWS.map((w) => (
            <li key={w.id} className="guide-card">
              <Link to="/guide/$workflow" params={{ workflow: w.id }} className="link guide-card-title">
                {w.title}
              </Link>
              <p>{w.question}</p>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function Answers({ nodes }: { nodes: readonly TreeNode[] }) {
  return (
    <ul className="guide-answers">
      {nodes.map((node) =>
        node.kind === 'workflow' ? (
          <li key={node.id}>
            <Link to="/guide/$workflow" params={{ workflow: node.id }} className="link">
              {node.answer}
            </Link>
          </li>
        ) : (
          <li key={node.answer}>
            <span>{node.answer}</span> — <span className="guide-subquestion">{node.question}</span>
            <Answers nodes={node.children} />
          </li>
        ),
      )}
    </ul>
  );
}
