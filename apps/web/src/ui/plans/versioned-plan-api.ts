/**
 * The calls of a plan a participant keeps with their clinician (safety plan, relapse prevention plan): the latest
 * version with the list of versions, one version, and saving the next. One factory, each plan names its path.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { checkedApi, type ResponseSchema } from '../../app/api-client.ts';

export function versionedPlanApi<Version, View, Save>(
  segment: string,
  schemas: { version: ResponseSchema<Version>; view: ResponseSchema<View> },
) {
  const path = (participantId: string) => `/api/v1/participants/${participantId}/${segment}`;
  const keys = {
    view: (participantId: string) => [segment, participantId] as const,
    version: (participantId: string, version: number) => [segment, participantId, version] as const,
  };
  return {
    keys,
    useView: (participantId: string) =>
      useQuery({
        queryKey: keys.view(participantId),
        queryFn: ({ signal }) => checkedApi.get(schemas.view, path(participantId), undefined, signal),
      }),
    useVersion: (participantId: string, version: number | null) =>
      useQuery({
        queryKey: keys.version(participantId, version ?? 0),
        queryFn: ({ signal }) =>
          checkedApi.get(schemas.version, `${path(participantId)}/versions/${version}`, undefined, signal),
        enabled: version !== null,
      }),
    useSave: (participantId: string) => {
      const client = useQueryClient();
      return useMutation({
        mutationFn: (input: Save) => checkedApi.put(schemas.version, path(participantId), input),
        onSuccess: () => client.invalidateQueries({ queryKey: keys.view(participantId) }),
      });
    },
  };
}
