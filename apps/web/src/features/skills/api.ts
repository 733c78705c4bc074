/** The skills library's calls: a program's published topics, an episode's homework. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  episodeSkillsSchema,
  programSkillsSchema,
  skillAssignmentSchema,
  type ProgramSkillsSave,
  type SkillTopicId,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export const skillKeys = {
  program: (programId: string) => ['skills', 'program', programId] as const,
  episode: (episodeId: string) => ['skills', 'episode', episodeId] as const,
};

export function useProgramSkills(programId: string) {
  return useQuery({
    queryKey: skillKeys.program(programId),
    queryFn: ({ signal }) =>
      checkedApi.get(programSkillsSchema, `/api/v1/programs/${programId}/skills`, undefined, signal),
  });
}

export function usePublishSkills(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgramSkillsSave) =>
      checkedApi.put(programSkillsSchema, `/api/v1/programs/${programId}/skills`, body),
    onSuccess: (saved) => client.setQueryData(skillKeys.program(programId), saved),
  });
}

export function useEpisodeSkills(episodeId: string) {
  return useQuery({
    queryKey: skillKeys.episode(episodeId),
    queryFn: ({ signal }) =>
      checkedApi.get(episodeSkillsSchema, `/api/v1/episodes/${episodeId}/skill-assignments`, undefined, signal),
  });
}

export function useAssignSkill(episodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (topic: SkillTopicId) =>
      checkedApi.post(skillAssignmentSchema, `/api/v1/episodes/${episodeId}/skill-assignments`, { topic }),
    onSuccess: () => client.invalidateQueries({ queryKey: skillKeys.episode(episodeId) }),
  });
}
