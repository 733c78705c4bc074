/** Queries and mutations of clinical notes and group notes; every answer parsed with core's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  groupNoteViewSchema,
  noteBatchSignedSchema,
  noteListSchema,
  noteViewSchema,
  notesAttentionSchema,
  type GroupNoteSave,
  type NoteCreate,
  type NoteUpdate,
  type NoteView,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export const noteKeys = {
  list: (episodeId: string) => ['notes', 'episode', episodeId] as const,
  one: (id: string) => ['notes', 'one', id] as const,
  group: (sessionId: string) => ['group-note', sessionId] as const,
  attention: ['notes', 'attention'] as const,
};

export function useEpisodeNotes(episodeId: string) {
  return useQuery({
    queryKey: noteKeys.list(episodeId),
    queryFn: ({ signal }) => checkedApi.get(noteListSchema, `/api/v1/episodes/${episodeId}/notes`, undefined, signal),
  });
}

export function useNote(id: string | null) {
  return useQuery({
    queryKey: noteKeys.one(id ?? ''),
    queryFn: ({ signal }) => checkedApi.get(noteViewSchema, `/api/v1/notes/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Every note mutation refreshes the episode's list and the note itself. */
function useNoteMutation<I>(episodeId: string, run: (input: I) => Promise<NoteView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (saved) => {
      client.setQueryData(noteKeys.one(saved.id), saved);
      void client.invalidateQueries({ queryKey: noteKeys.list(episodeId) });
      void client.invalidateQueries({ queryKey: noteKeys.attention });
    },
  });
}

export const useCreateNote = (episodeId: string) =>
  useNoteMutation(episodeId, (input: NoteCreate) => checkedApi.post(noteViewSchema, `/api/v1/episodes/${episodeId}/notes`, input));
export const useSaveNote = (episodeId: string) =>
  useNoteMutation(episodeId, ({ id, input }: { id: string; input: NoteUpdate }) => checkedApi.put(noteViewSchema, `/api/v1/notes/${id}`, input));
export const useSignNote = (episodeId: string) =>
  useNoteMutation(episodeId, ({ id, version }: { id: string; version: number }) => checkedApi.post(noteViewSchema, `/api/v1/notes/${id}/sign`, { version }));
export const useCosignNote = (episodeId: string) =>
  useNoteMutation(episodeId, ({ id, version }: { id: string; version: number }) => checkedApi.post(noteViewSchema, `/api/v1/notes/${id}/cosign`, { version }));
export const useAddAddendum = (episodeId: string) =>
  useNoteMutation(episodeId, ({ id, text }: { id: string; text: string }) => checkedApi.post(noteViewSchema, `/api/v1/notes/${id}/addenda`, { text }));

export function useSignNotes(episodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notes: { id: string; version: number }[]) => checkedApi.post(noteBatchSignedSchema, '/api/v1/notes/sign', { notes }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['notes'] });
      void client.invalidateQueries({ queryKey: noteKeys.list(episodeId) });
    },
  });
}

export function useGroupNote(sessionId: string) {
  return useQuery({
    queryKey: noteKeys.group(sessionId),
    queryFn: ({ signal }) => checkedApi.get(groupNoteViewSchema, `/api/v1/sessions/${sessionId}/group-note`, undefined, signal),
  });
}

export function useSaveGroupNote(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupNoteSave) => checkedApi.put(groupNoteViewSchema, `/api/v1/sessions/${sessionId}/group-note`, input),
    onSuccess: (saved) => client.setQueryData(noteKeys.group(sessionId), saved),
  });
}

export function useSignGroupNote(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; acceptNearDuplicates: boolean }) =>
      checkedApi.post(groupNoteViewSchema, `/api/v1/sessions/${sessionId}/group-note/sign`, input),
    onSuccess: (saved) => client.setQueryData(noteKeys.group(sessionId), saved),
  });
}

/** Notes unsigned past their deadline and co-signatures waiting, of the reader and their supervisees. */
export function useNotesAttention() {
  return useQuery({
    queryKey: noteKeys.attention,
    queryFn: ({ signal }) => checkedApi.get(notesAttentionSchema, '/api/v1/notes/attention', undefined, signal),
  });
}
