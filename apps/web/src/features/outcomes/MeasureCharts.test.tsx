import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { ParticipantMeasures } from '@trellis/core';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { MeasureCharts } from './MeasureCharts.tsx';

const EPISODE = '11111111-1111-4111-8111-111111111111';
const bands = [
  { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { id: 'mild', label: 'Mild', min: 5, max: 9 },
  { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { id: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
  { id: 'severe', label: 'Severe', min: 20, max: 27 },
];
const point = (n: number, date: string, total: number, band: string, change: number | null, direction: 'improved' | 'deteriorated' | 'no-reliable-change' | null) => ({
  responseId: `22222222-2222-4222-8222-22222222222${n}`,
  administeredAt: `${date}T15:00:00.000Z`,
  total,
  band: { id: band, label: bands.find((b) => b.id === band)!.label },
  subscales: {},
  flags: [],
  scoringNote: null,
  fromFirst: change === null ? null : { change, rci: change / 2.58, reliable: direction !== 'no-reliable-change', direction: direction!, minimumReliablePoints: 6 },
});

const measures: ParticipantMeasures = {
  series: [
    {
      episodeId: EPISODE,
      instrument: 'phq-9',
      shortName: 'PHQ-9',
      bands,
      points: [
        point(1, '2026-09-07', 18, 'moderately-severe', null, null),
        point(2, '2026-09-14', 15, 'moderately-severe', -3, 'no-reliable-change'),
        point(3, '2026-10-30', 4, 'minimal', -14, 'improved'),
      ],
      outcome: { response: true, remission: true, clinicallyMeaningful: null, clinicallySignificant: true },
    },
  ],
};

function open(body: ParticipantMeasures) {
  fakeServer((r) => (r.url.startsWith('/api/v1/participants/p-1/measures') ? { body } : undefined));
  renderPage(<MeasureCharts participantId="p-1" />, { path: '/participants/:id', at: '/participants/p-1' });
}

describe('measures over time on the participant page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives the chart a text alternative and a table of the same scores with reliable-change markers', async () => {
    open(measures);
    const chart = await screen.findByRole('img', { name: /Line chart of PHQ-9 scores over severity bands/ });
    expect(chart.getAttribute('aria-label')).toContain('18 (Moderately severe)');
    expect(chart.getAttribute('aria-label')).toContain('4 (Minimal), reliable improvement');
    const table = screen.getByRole('table', { name: 'PHQ-9 scores' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]!.textContent).toContain('admission score');
    expect(rows[2]!.textContent).toContain('−3');
    expect(rows[2]!.textContent).not.toContain('reliable');
    expect(rows[3]!.textContent).toContain('−14 (reliable improvement)');
    expect(screen.getByText('Remission')).toBeTruthy();
  });

  it('says which AUDIT-C cut-off was applied when the score depends on sex', async () => {
    const note = 'Positive at 3 or more: sex assigned at birth is not recorded, so the lower cut-off (for females) was applied, so that a positive screen is not missed.';
    const auditC = {
      ...measures.series[0]!,
      instrument: 'audit-c' as const,
      shortName: 'AUDIT-C',
      bands: [
        { id: 'negative', label: 'Negative screen', min: 0, max: 2 },
        { id: 'positive', label: 'Positive screen', min: 3, max: 7 },
        { id: 'high-risk', label: 'High risk', min: 8, max: 12 },
      ],
      points: [{ ...measures.series[0]!.points[0]!, total: 3, band: { id: 'positive', label: 'Positive screen' }, scoringNote: note }],
      outcome: null,
    };
    open({ series: [auditC] });
    expect(await screen.findByText(note)).toBeTruthy();
  });

  it('says when there are no scores yet', async () => {
    open({ series: [] });
    expect(await screen.findByText('No scores yet')).toBeTruthy();
  });
});
