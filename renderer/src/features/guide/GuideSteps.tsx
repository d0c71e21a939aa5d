import { Link } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef } from 'react';
import { clampStep } from './guide-view';
import { useGuide } from './useGuide';

export type GuideStep = {
  /** short, shown in the numbered list and as the step's heading */
  title: string;
  /** the step: a piece of a real screen, a choice, or a link into the screen that does it */
  content: ReactNode;
  /**
   * The Next button. Omitted: plain Next. `false`: none (the step moves on by itself, e.g. after
   * its own action, with `useGuide().go`). `disabled`: shown but not yet possible — say why in `hint`.
   */
  next?: false | { label?: string; disabled?: boolean; hint?: string; onNext?: () => void };
};

/**
 * The frame of every guided workflow: numbered steps, the current one in `?step=` (1-based), Back and
 * Next. Earlier steps can be reopened from the list; later ones only by going through the steps, so a
 * step can rely on what the earlier ones chose.
 */
export function GuideSteps({ steps, label }: { steps: readonly GuideStep[]; label: string }) {
  const { step: asked, go } = useGuide();
  const step = clampStep(asked, steps.length);
  const current = steps[step - 1];
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus follows the step (a screen reader hears the new step, the keyboard starts from it) — but
  // not on first render, where the page title keeps focus.
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  });
  if (!current) return null;
  const next = current.next;
  return (
    <div className="guide-steps">
      <nav aria-label={`${label}: steps`}>
        <ol className="guide-step-list">
          {steps.map((s, i) => {
            const n = i + 1;
            const state = n < step ? 'done' : n === step ? 'current' : 'later';
            return (
              <li key={s.title} className={`guide-step-item guide-step-${state}`}>
                {n < step ? (
                  <button type="button" className="link-button" onClick={() => go(n)}>
                    <span className="guide-step-number">{n}</span> {s.title}
                  </button>
                ) : (
                  <span aria-current={n === step ? 'step' : undefined}>
                    <span className="guide-step-number">{n}</span> {s.title}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <section className="guide-step" aria-labelledby="guide-step-title">
        <p className="guide-step-count">
          Step {step} of {steps.length}
        </p>
        <h2 id="guide-step-title" tabIndex={-1} ref={heading}>
          {current.title}
        </h2>
        <div className="guide-step-body">{current.content}</div>
        <div className="guide-step-buttons">
          {step > 1 ? (
            <button type="button" className="button" onClick={() => go(step - 1)}>
              Back
            </button>
          ) : (
            <Link to="/guide" className="button">
              Back
            </Link>
          )}
          {next !== false && step < steps.length && (
            <button
              type="button"
              className="button button-primary"
              disabled={next?.disabled}
              onClick={() => (next?.onNext ? next.onNext() : go(step + 1))}
            >
              {next?.label ?? 'Next'}
            </button>
          )}
          {next !== false && next?.disabled && next.hint && <p className="guide-step-hint">{next.hint}</p>}
        </div>
      </section>
    </div>
  );
}
