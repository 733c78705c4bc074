/** A signed treatment plan version as a PDF: a pure function of the loaded version, in the shared record layout. */
import {
  INTERVENTION_MODALITY_LABELS,
  PLAN_SIGNER_LABELS,
  prescribedWeeklyHours,
  type PlanVersionView,
} from '@trellis/core';
import { renderPdf, siteDateTime, type DocumentHeader } from '../../pdf/layout.ts';

const frequencyText = (f: { times: number; per: string }) => `${f.times} time${f.times === 1 ? '' : 's'} a ${f.per}`;

/** The plan version's PDF: problems, goals, objectives and interventions, schedule, strengths, discharge criteria, signatures. */
export function planVersionPdf(
  header: DocumentHeader,
  plan: PlanVersionView,
  staffNames: ReadonlyMap<string, string>,
  exportedAt: Date,
): Promise<Buffer> {
  const c = plan.content;
  return renderPdf({
    title: `Treatment plan, version ${plan.number}`,
    header,
    exportedAt,
    body: (w) => {
      w.field('Version', plan.number);
      w.field('Takes effect', c.effectiveOn);
      w.field('Status', plan.status === 'signed' ? 'Signed' : 'Draft');
      w.field('Content hash (SHA-256)', plan.contentHash);
      c.problems.forEach((p, pi) => {
        w.heading(`Problem ${pi + 1}: ${p.description}`);
        if (p.asamDimension) w.field('ASAM dimension', p.asamDimension);
        p.goals.forEach((g, gi) => {
          w.subheading(`Goal ${pi + 1}.${gi + 1}: ${g.description}`);
          g.objectives.forEach((o, oi) => {
            w.field(`Objective ${pi + 1}.${gi + 1}.${oi + 1}`, o.description);
            w.field('Target date', o.targetDate);
            w.field('Measured by', o.measuredBy);
            w.bullets(
              o.interventions.map(
                (iv) =>
                  `${INTERVENTION_MODALITY_LABELS[iv.modality]}${iv.description ? ` (${iv.description})` : ''}, ${frequencyText(iv.frequency)}; ` +
                  `responsible: ${staffNames.get(iv.responsibleStaffId) ?? 'unknown staff member'}`,
              ),
            );
            w.gap();
          });
        });
      });
      w.heading('Prescribed schedule');
      w.field('Days per week', c.schedule.daysPerWeek);
      w.field('Hours per day', c.schedule.hoursPerDay);
      w.field('Hours per week', prescribedWeeklyHours(c.schedule));
      w.field('Expected length', `${c.schedule.expectedWeeks} weeks`);
      w.heading('Strengths');
      w.paragraph(c.strengths);
      w.heading('Discharge criteria');
      w.paragraph(c.dischargeCriteria);
      w.heading('Signatures');
      for (const s of plan.signatures) {
        const method =
          s.signer === 'participant'
            ? `signed in person, recorded by ${s.recordedBy.name}`
            : 'signed electronically in Trellis';
        w.signature(
          PLAN_SIGNER_LABELS[s.signer],
          s.signedName,
          `${method}, ${siteDateTime(s.signedAt, header.timeZone)}`,
        );
      }
      for (const missing of plan.missingSignatures) w.signature(PLAN_SIGNER_LABELS[missing], 'not yet signed', '');
    },
  });
}
