/** A signed intake assessment as a PDF: a pure function of the loaded assessment, in the shared record layout. */
import {
  HOME_STABILITY_LABELS,
  IDEATION_LABELS,
  LEVEL_OF_CARE_FLAG_GUIDANCE,
  READINESS_LABELS,
  SUBSTANCE_LABELS,
  USE_FREQUENCY_LABELS,
  USE_ROUTE_LABELS,
  WITHDRAWAL_RISK_LABELS,
  type IntakeAssessmentView,
  type SubstanceDraft,
} from '@trellis/core';
import { renderPdf, siteDateTime, type DocumentHeader, type PdfWriter } from '../../pdf/layout.ts';

const yesNo = (v: boolean | undefined) => (v === undefined ? null : v ? 'Yes' : 'No');
const label = <K extends string>(labels: Record<K, string>, v: K | undefined) => (v === undefined ? null : labels[v]);

function substances(w: PdfWriter, list: readonly SubstanceDraft[], noneReported: boolean | undefined): void {
  if (noneReported || list.length === 0) {
    w.paragraph('No substance use reported.');
    return;
  }
  for (const [i, s] of list.entries()) {
    const name = s.substance === 'other' ? `Other: ${s.otherName ?? '-'}` : (label(SUBSTANCE_LABELS, s.substance) ?? '-');
    w.subheading(`Substance ${i + 1}: ${name}`);
    w.field('Route', label(USE_ROUTE_LABELS, s.route));
    w.field('Frequency', label(USE_FREQUENCY_LABELS, s.frequency));
    w.field('Last use', s.lastUse);
    w.field('Prior treatment', s.priorTreatment);
  }
}

/** The assessment's PDF: every section's answers, substances, the risk screen, flags as guidance, signature and addenda. */
export function intakeAssessmentPdf(header: DocumentHeader, a: IntakeAssessmentView, exportedAt: Date): Promise<Buffer> {
  const at = (instant: string) => siteDateTime(instant, header.timeZone);
  const c = a.content;
  return renderPdf({
    title: 'Biopsychosocial intake assessment',
    header,
    exportedAt,
    body: (w) => {
      w.heading('Presenting problem');
      w.paragraph(c.presentingProblem);
      w.heading('Mental health history');
      w.paragraph(c.mentalHealthHistory);
      w.heading('Substance use');
      substances(w, c.substanceUse?.substances ?? [], c.substanceUse?.noneReported);
      w.heading('Current symptoms');
      w.paragraph(c.currentSymptoms);
      w.heading('Stressors and supports');
      w.field('Home stability', label(HOME_STABILITY_LABELS, c.stressorsAndSupports?.homeStability));
      w.field('Stressors', c.stressorsAndSupports?.stressors);
      w.field('Who supports recovery', c.stressorsAndSupports?.supportsRecovery);
      w.heading('Medical');
      w.field('Medical conditions', c.medical?.conditions);
      w.field('Medical needs', c.medical?.needs);
      w.field('Medical condition to treat first', yesNo(c.medical?.treatFirst));
      w.heading('Medications');
      w.paragraph(c.medications);
      w.heading('Legal');
      w.paragraph(c.legal);
      w.heading('Obligations');
      w.field('Work or school', c.obligations?.workSchool);
      w.field('Family', c.obligations?.family);
      w.heading('Strengths');
      w.paragraph(c.strengths);
      w.heading('Risk screen');
      const r = c.riskScreen;
      w.field('Thoughts of suicide', label(IDEATION_LABELS, r?.suicidalIdeation));
      w.field('Thoughts of harming others', label(IDEATION_LABELS, r?.harmToOthers));
      w.field('Withdrawal risk', label(WITHDRAWAL_RISK_LABELS, r?.withdrawalRisk));
      w.field('Eating disorder needing meal support', yesNo(r?.eatingDisorderNeedsMealSupport));
      w.field('Readiness to change', label(READINESS_LABELS, r?.readiness));
      if (r?.notes) w.field('Notes', r.notes);
      w.heading('Level-of-care flags (guidance only, not a placement)');
      if (a.flags.length === 0) w.paragraph('None raised.');
      else w.bullets(a.flags.map((f) => `${LEVEL_OF_CARE_FLAG_GUIDANCE[f.flag].label} (${f.because})`));
      w.heading('Signature');
      w.signature('Assessor', a.author.name, `signed electronically in Trellis, ${a.signedAt ? at(a.signedAt) : '-'}`);
      w.field('Content hash (SHA-256)', a.contentHash);
      if (a.addenda.length > 0) {
        w.heading('Addenda');
        for (const d of a.addenda) {
          w.subheading(`Addendum by ${d.author.name}, ${at(d.writtenAt)}`);
          w.paragraph(d.text);
        }
      }
    },
  });
}
