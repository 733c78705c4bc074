import { CRISIS_RESOURCES } from '@trellis/core';
import './plan-print.css';

export interface PrintedSection {
  heading: string;
  entries: readonly string[];
}

/**
 * A plan as it prints, its sections in order, with the crisis lines on every plan whatever was entered. On a staff
 * page it is hidden on screen and `window.print()` prints only it; in the portal (`onScreen`) it is also the page.
 */
export function PlanPrint({
  title,
  sections,
  participantName,
  version,
  savedAt,
  numbered = false,
  onScreen = false,
  testId,
}: {
  title: string;
  sections: readonly PrintedSection[];
  participantName: string;
  version: number;
  savedAt: string;
  numbered?: boolean;
  onScreen?: boolean;
  testId: string;
}) {
  return (
    <div className={onScreen ? 'plan-print plan-print--screen' : 'plan-print'} data-testid={testId}>
      <h1>{title}</h1>
      <p>
        {participantName ? `${participantName} · ` : ''}version {version} · {new Date(savedAt).toLocaleDateString()}
      </p>
      {sections.map((s, i) => (
        <section key={s.heading}>
          <h2>{numbered ? `Step ${i + 1}: ${s.heading}` : s.heading}</h2>
          {s.entries.length === 0 ? (
            <p>—</p>
          ) : (
            <ul>
              {s.entries.map((e, j) => (
                <li key={j}>{e}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section>
        <h2>If I am in crisis</h2>
        <ul>
          {CRISIS_RESOURCES.map((r) => (
            <li key={r.name}>
              <strong>{r.name}</strong> — {r.how}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
