/** A level-of-care assessment as a PDF: a pure function of the loaded assessment, in the shared record layout. */
import {
  ASAM_EDITION_LABELS,
  ASAM_RISK_RATING_LABELS,
  isAsamRiskRating,
  LEVEL_OF_CARE_FLAG_GUIDANCE,
  PLACEMENT_LEVEL_LABELS,
  VARIANCE_REASON_LABELS,
  type LevelOfCareAssessmentView,
} from '@trellis/core';
import { renderPdf, siteDateTime, type DocumentHeader } from '../../pdf/layout.ts';

/** The assessment's PDF: each ASAM dimension's rating and rationale, flags, the guidance, the levels and any variance. */
export function levelOfCarePdf(
  header: DocumentHeader,
  a: LevelOfCareAssessmentView,
  exportedAt: Date,
): Promise<Buffer> {
  return renderPdf({
    title: 'Level-of-care assessment',
    header,
    exportedAt,
    body: (w) => {
      w.field('Assessed on', a.assessedOn);
      w.field('ASAM Criteria edition', ASAM_EDITION_LABELS[a.edition]);
      w.heading('Dimension ratings');
      for (const r of a.ratings) {
        w.subheading(`Dimension ${r.dimension}: ${r.dimensionName}`);
        w.field(
          'Risk rating',
          `${r.rating} (${isAsamRiskRating(r.rating) ? ASAM_RISK_RATING_LABELS[r.rating] : 'unknown'})`,
        );
        w.field('Rationale', r.rationale);
      }
      w.heading('Flags');
      if (a.flags.length === 0) w.paragraph('None raised.');
      else w.bullets(a.flags.map((f) => LEVEL_OF_CARE_FLAG_GUIDANCE[f].label));
      w.heading('Level of care');
      w.field('Guidance suggested', PLACEMENT_LEVEL_LABELS[a.guidance.suggested]);
      w.paragraph(a.guidance.notice);
      w.field('Recommended level', PLACEMENT_LEVEL_LABELS[a.recommendedLevel]);
      w.field('Level chosen', PLACEMENT_LEVEL_LABELS[a.chosenLevel]);
      if (a.varianceReason) {
        w.field('Variance reason', VARIANCE_REASON_LABELS[a.varianceReason]);
        if (a.varianceNote) w.field('Variance note', a.varianceNote);
      }
      w.heading('Assessed by');
      w.signature('Clinician', a.assessedBy.name, `recorded in Trellis, ${siteDateTime(a.createdAt, header.timeZone)}`);
    },
  });
}
