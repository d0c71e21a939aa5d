import type { ReactNode } from 'react';

/**
 * The one status vocabulary of the app (ENGINEERING.md, "UI"): colour AND icon AND text, never
 * colour alone. Every screen maps its states onto these five tones.
 */
export type Tone = 'waiting' | 'progress' | 'done' | 'action' | 'failed';

const icons: Record<Tone, ReactNode> = {
  waiting: <circle cx="8" cy="8" r="5.25" fill="none" stroke="currentColor" strokeWidth="1.5" />,
  progress: (
    <>
      <circle cx="8" cy="8" r="5.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 2.75a5.25 5.25 0 0 1 0 10.5z" fill="currentColor" />
    </>
  ),
  done: (
    <>
      <circle cx="8" cy="8" r="6" fill="currentColor" />
      <path
        d="M5.2 8.2l1.9 1.9 3.7-4"
        fill="none"
        stroke="var(--badge-icon-ink)"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </>
  ),
  action: (
    <>
      <path d="M8 1.8l6.4 11.4H1.6z" fill="currentColor" strokeLinejoin="round" />
      <path d="M8 6v3.4M8 11.2v.1" stroke="var(--badge-icon-ink)" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
  failed: (
    <>
      <circle cx="8" cy="8" r="6" fill="currentColor" />
      <path
        d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4"
        stroke="var(--badge-icon-ink)"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </>
  ),
};

export function StatusIcon({ tone }: { tone: Tone }) {
  return (
    <svg
      className="status-icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      {icons[tone]}
    </svg>
  );
}

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} data-tone={tone}>
      <StatusIcon tone={tone} />
      <span>{children}</span>
    </span>
  );
}
