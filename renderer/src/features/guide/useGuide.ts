import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback } from 'react';
import type { GuideSearch } from './route';

type Value = string | number | boolean | undefined;

function merge(prev: GuideSearch, patch: Record<string, Value>): GuideSearch {
  const next: Record<string, Value> = { ...prev, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as GuideSearch;
}

/**
 * A workflow's state in the URL (`/guide/$workflow?step=…&…`): the step and what earlier steps chose
 * (a draft id, an LOA type, …). `go` moves to a step (a history entry: the browser's Back goes back
 * a step); `set` changes a choice in place. Keys set to `undefined` are dropped.
 */
export function useGuide() {
  const search = useSearch({ from: '/guide/$workflow' });
  const navigate = useNavigate({ from: '/guide/$workflow' });
  const go = useCallback(
    (step: number, patch: Record<string, Value> = {}) =>
      void navigate({ search: (prev) => merge(prev, { ...patch, step }) }),
    [navigate],
  );
  const set = useCallback(
    (patch: Record<string, Value>) => void navigate({ search: (prev) => merge(prev, patch), replace: true }),
    [navigate],
  );
  const text = (key: string): string | undefined => {
    const value = search[key];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  };
  return { search, step: search.step ?? 1, go, set, text };
}
