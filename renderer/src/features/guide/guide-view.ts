/**
 * The decision tree at the top of Sinch's guide (sinch-skill.md), as plain questions for people who
 * do not start from a spreadsheet. Pure; guide-view.test.ts. Each leaf names a workflow id; the list
 * page shows a leaf only when the registry (workflows/index.ts) has that workflow, and a branch only
 * when one of its leaves shows.
 */
export const WORKFLOW_IDS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type WorkflowId = (typeof WORKFLOW_IDS)[number];

export type TreeNode =
  | { kind: 'workflow'; id: WorkflowId; answer: string }
  | { kind: 'question'; answer: string; question: string; children: readonly TreeNode[] };

export const DECISION_TREE = {
  question: 'What do you want to do with your numbers?',
  children: [
    {
      kind: 'question',
      answer: 'Bring numbers to Sinch for texting',
      question: 'How many numbers?',
      children: [
        { kind: 'workflow', id: 'a', answer: 'One number' },
        { kind: 'workflow', id: 'b', answer: 'A few (up to five, in one order)' },
      ],
    },
    { kind: 'workflow', id: 'c', answer: 'Check that numbers can be text-enabled' },
    {
      kind: 'workflow',
      id: 'd',
      answer: 'Text-enable numbers (standard or toll-free: the desk tells from the numbers)',
    },
    { kind: 'workflow', id: 'e', answer: 'See where an order stands' },
    { kind: 'workflow', id: 'f', answer: 'Look after numbers already brought in' },
  ] satisfies readonly TreeNode[],
} as const;

/** The tree with only the workflows that exist; questions left without answers are dropped. */
export function availableTree(nodes: readonly TreeNode[], has: (id: WorkflowId) => boolean): TreeNode[] {
  const out: TreeNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'workflow') {
      if (has(node.id)) out.push(node);
      continue;
    }
    const children = availableTree(node.children, has);
    if (children.length > 0) out.push({ ...node, children });
  }
  return out;
}

export const isWorkflowId = (value: string): value is WorkflowId =>
  (WORKFLOW_IDS as readonly string[]).includes(value);

/** The step shown: the URL's, kept inside 1…count (a stale link to step 9 of 5 shows the last). */
export const clampStep = (step: number | undefined, count: number): number =>
  Math.min(Math.max(step ?? 1, 1), Math.max(count, 1));
