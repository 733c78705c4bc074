/** The public way in's calls (no sign-in); every answer parsed with the schema the server answers with. */
import { useQuery } from '@tanstack/react-query';
import { inquiryFormTokenSchema, inquiryReceivedSchema, publicProgramPageSchema, type InquiryRequestInput } from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

const base = (orgSlug: string) => `/api/v1/public/orgs/${encodeURIComponent(orgSlug)}`;

export function useProgramPage(orgSlug: string) {
  return useQuery({
    queryKey: ['public', orgSlug, 'programs'],
    queryFn: ({ signal }) => checkedApi.get(publicProgramPageSchema, `${base(orgSlug)}/programs`, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** A fresh token each time the form opens: it dates the form for the server's timing check. */
export function useInquiryFormToken(orgSlug: string) {
  return useQuery({
    queryKey: ['public', orgSlug, 'inquiry-form'],
    queryFn: ({ signal }) => checkedApi.get(inquiryFormTokenSchema, `${base(orgSlug)}/inquiry-form`, undefined, signal),
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function sendInquiry(orgSlug: string, request: InquiryRequestInput) {
  return checkedApi.post(inquiryReceivedSchema, `${base(orgSlug)}/inquiries`, request);
}
