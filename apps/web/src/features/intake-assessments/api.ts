/** Queries and mutations of intake assessments; every answer parsed with core's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  intakeAssessmentListSchema,
  intakeAssessmentViewSchema,
  unsignedAssessmentListSchema,
  type IntakeAssessmentContent,
  type IntakeAssessmentView,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

/** What an assessment belongs to: an episode, or an inquiry before admission. */
export type AssessmentSubject = { kind: 'episodes' | 'inquiries'; id: string };

export const assessmentKeys = {
  of: (s: AssessmentSubject) => ['intake-assessments', s.kind, s.id] as const,
  one: (id: string) => ['intake-assessments', 'one', id] as const,
  unsigned: ['intake-assessments', 'unsigned'] as const,
};

export const assessmentPath = (id: string) => `/intake-assessments/${id}`;

export function useAssessmentsOf(subject: AssessmentSubject, enabled = true) {
  return useQuery({
    queryKey: assessmentKeys.of(subject),
    queryFn: ({ signal }) => checkedApi.get(intakeAssessmentListSchema, `/api/v1/${subject.kind}/${subject.id}/intake-assessments`, undefined, signal),
    enabled,
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: assessmentKeys.one(id),
    queryFn: ({ signal }) => checkedApi.get(intakeAssessmentViewSchema, `/api/v1/intake-assessments/${id}`, undefined, signal),
  });
}

export function useUnsignedAssessments(enabled = true) {
  return useQuery({
    queryKey: assessmentKeys.unsigned,
    queryFn: ({ signal }) => checkedApi.get(unsignedAssessmentListSchema, '/api/v1/intake-assessments/unsigned', undefined, signal),
    enabled,
  });
}

/** Every assessment mutation stores the answer and refreshes the lists. */
function useAssessmentMutation<I>(run: (input: I) => Promise<IntakeAssessmentView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (saved) => {
      client.setQueryData(assessmentKeys.one(saved.id), saved);
      void client.invalidateQueries({ queryKey: ['intake-assessments'], predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}

export const useStartAssessment = (subject: AssessmentSubject) =>
  useAssessmentMutation((content: IntakeAssessmentContent) =>
    checkedApi.post(intakeAssessmentViewSchema, `/api/v1/${subject.kind}/${subject.id}/intake-assessments`, { content }),
  );
export const useSaveAssessment = () =>
  useAssessmentMutation(({ id, version, content }: { id: string; version: number; content: IntakeAssessmentContent }) =>
    checkedApi.put(intakeAssessmentViewSchema, `/api/v1/intake-assessments/${id}`, { version, content }),
  );
export const useSignAssessment = () =>
  useAssessmentMutation(({ id, version }: { id: string; version: number }) => checkedApi.post(intakeAssessmentViewSchema, `/api/v1/intake-assessments/${id}/sign`, { version }));
export const useAssessmentAddendum = () =>
  useAssessmentMutation(({ id, text }: { id: string; text: string }) => checkedApi.post(intakeAssessmentViewSchema, `/api/v1/intake-assessments/${id}/addenda`, { text }));
