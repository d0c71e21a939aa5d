import { describe, expect, it } from 'vitest';
import { availableTree, clampStep, DECISION_TREE, isWorkflowId, WORKFLOW_IDS } from './guide-view';

describe('the decision tree', () => {
  it('names every workflow A–F exactly once', () => {
    const ids: string[] = [];
    const walk = (nodes: readonly (typeof DECISION_TREE.children)[number][]) => {
      for (const n of nodes)
        if (n.kind === 'workflow') ids.push(n.id);
        else walk(n.children as never);
    };
    walk(DECISION_TREE.children);
    expect(ids.sort()).toEqual([...WORKFLOW_IDS]);
  });

  it('keeps only the workflows that exist and drops questions left without answers', () => {
    const onlyD = availableTree(DECISION_TREE.children, (id) => id === 'd');
    expect(onlyD).toEqual([expect.objectContaining({ kind: 'workflow', id: 'd' })]);
    const withA = availableTree(DECISION_TREE.children, (id) => id === 'a');
    expect(withA).toEqual([
      expect.objectContaining({ kind: 'question', children: [expect.objectContaining({ id: 'a' })] }),
    ]);
  });
});

describe('clampStep', () => {
  it('starts at 1 and keeps a stale step inside the wizard', () => {
    expect(clampStep(undefined, 5)).toBe(1);
    expect(clampStep(9, 5)).toBe(5);
    expect(clampStep(0, 5)).toBe(1);
    expect(clampStep(3, 5)).toBe(3);
  });
});

it('isWorkflowId', () => {
  expect(isWorkflowId('d')).toBe(true);
  expect(isWorkflowId('g')).toBe(false);
});
