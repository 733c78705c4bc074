import { CRISIS_RESOURCES, SAFETY_PLAN_SECTIONS, type SafetyPlan } from '@trellis/core';
import './safety-plan-print.css';

type Contact = SafetyPlan['helpers'][number];
const contactText = (c: Contact) => (c.phone ? `${c.name} — ${c.phone}` : c.name);

function entriesOf(plan: SafetyPlan, key: (typeof SAFETY_PLAN_SECTIONS)[number]['key']): string[] {
  switch (key) {
    case 'distractions':
      return [...plan.distractions.people.map(contactText), ...plan.distractions.places];
    case 'helpers':
    case 'professionals':
      return plan[key].map(contactText);
    case 'warningSigns':
    case 'internalCoping':
    case 'safeEnvironment':
    case 'reasonsForLiving':
      return plan[key];
  }
}

/**
 * The plan as it prints (Stanley–Brown's seven steps in order), with the crisis lines on every plan whatever was
 * entered. Hidden on screen; `window.print()` prints only this.
 */
export function SafetyPlanPrint({ plan, participantName, version, savedAt }: { plan: SafetyPlan; participantName: string; version: number; savedAt: string }) {
  return (
    <div className="safety-plan-print" data-testid="safety-plan-print">
      <h1>My safety plan</h1>
      <p>
        {participantName} · version {version} · {new Date(savedAt).toLocaleDateString()}
      </p>
      {SAFETY_PLAN_SECTIONS.map((s, i) => {
        const entries = entriesOf(plan, s.key);
        return (
          <section key={s.key}>
            <h2>
              Step {i + 1}: {s.heading}
            </h2>
            {entries.length === 0 ? (
              <p>—</p>
            ) : (
              <ul>
                {entries.map((e, j) => (
                  <li key={j}>{e}</li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
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
