/** Queries and mutations of appointments, the slot finder, a staff member's day and working hours. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  appointmentListSchema,
  appointmentSchema,
  clinicianAvailabilitySchema,
  participantUnavailabilitySchema,
  slotListSchema,
  staffDaySchema,
  siteListSchema,
  staffListSchema,
  type AppointmentCancel,
  type AppointmentCreate,
  type AppointmentKind,
  type AppointmentMark,
  type AppointmentReschedule,
  type ClinicianAvailabilityUpdate,
  type ClinicianExceptionCreate,
  type ParticipantExceptionCreate,
  type ParticipantUnavailabilityUpdate,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

export const appointmentKeys = {
  participant: (participantId: string) => ['appointments', 'participant', participantId] as const,
  slots: (participantId: string, clinicianId: string, kind: string) =>
    ['appointments', 'slots', participantId, clinicianId, kind] as const,
  day: (staffId: string, date: string | undefined) => ['appointments', 'day', staffId, date ?? 'today'] as const,
  availability: (staffId: string) => ['availability', staffId] as const,
  unavailability: (participantId: string) => ['unavailability', participantId] as const,
  staff: ['appointments', 'staff'] as const,
};

export function useParticipantAppointments(participantId: string) {
  return useQuery({
    queryKey: appointmentKeys.participant(participantId),
    queryFn: ({ signal }) =>
      checkedApi.get(appointmentListSchema, `/api/v1/participants/${participantId}/appointments`, undefined, signal),
  });
}

/** Staff who see participants (directors, clinicians, prescribers): who an appointment can be with. */
export function useTreatingStaff() {
  return useQuery({
    queryKey: appointmentKeys.staff,
    queryFn: ({ signal }) => checkedApi.get(staffListSchema, '/api/v1/staff', undefined, signal),
    select: (data) =>
      data.items.filter((s) => s.role === 'director' || s.role === 'clinician' || s.role === 'prescriber'),
    staleTime: 5 * 60_000,
  });
}

/** The next free slots for the pair; nothing is asked until a clinician is chosen. */
export function useSlots(participantId: string, clinicianId: string | null, kind: AppointmentKind) {
  return useQuery({
    queryKey: appointmentKeys.slots(participantId, clinicianId ?? '', kind),
    queryFn: ({ signal }) =>
      checkedApi.get(
        slotListSchema,
        '/api/v1/appointments/slots',
        { participantId, clinicianId: clinicianId ?? '', kind, count: 12 },
        signal,
      ),
    enabled: !!clinicianId,
  });
}

export function useBookAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AppointmentCreate) => checkedApi.post(appointmentSchema, '/api/v1/appointments', input),
    onSettled: () => client.invalidateQueries({ queryKey: ['appointments'] }),
  });
}

export function useCancelAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: AppointmentCancel & { id: string }) =>
      checkedApi.post(appointmentSchema, `/api/v1/appointments/${id}/cancel`, input),
    onSettled: () => client.invalidateQueries({ queryKey: ['appointments'] }),
  });
}

/** Moves a booked appointment to another free time in one step on the server (never cancel + book), with the reason. */
export function useRescheduleAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: AppointmentReschedule & { id: string }) =>
      checkedApi.post(appointmentSchema, `/api/v1/appointments/${id}/reschedule`, input),
    onSettled: () => client.invalidateQueries({ queryKey: ['appointments'] }),
  });
}

export function useMarkAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: AppointmentMark & { id: string }) =>
      checkedApi.post(appointmentSchema, `/api/v1/appointments/${id}/mark`, input),
    onSettled: () => client.invalidateQueries({ queryKey: ['appointments'] }),
  });
}

export function useStaffDay(staffId: string, date: string | undefined) {
  return useQuery({
    queryKey: appointmentKeys.day(staffId, date),
    queryFn: ({ signal }) =>
      checkedApi.get(staffDaySchema, `/api/v1/staff/${staffId}/day`, date ? { date } : undefined, signal),
    enabled: !!staffId,
  });
}

export function useAvailability(staffId: string) {
  return useQuery({
    queryKey: appointmentKeys.availability(staffId),
    queryFn: ({ signal }) =>
      checkedApi.get(clinicianAvailabilitySchema, `/api/v1/staff/${staffId}/availability`, undefined, signal),
    enabled: !!staffId,
  });
}

export function useSaveAvailability(staffId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ClinicianAvailabilityUpdate) =>
      checkedApi.put(clinicianAvailabilitySchema, `/api/v1/staff/${staffId}/availability`, input),
    onSuccess: (saved) => client.setQueryData(appointmentKeys.availability(staffId), saved),
  });
}

export function useAddLeave(staffId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ClinicianExceptionCreate) =>
      checkedApi.post(clinicianAvailabilitySchema, `/api/v1/staff/${staffId}/availability/exceptions`, input),
    onSuccess: (saved) => client.setQueryData(appointmentKeys.availability(staffId), saved),
  });
}

export function useSites() {
  return useQuery({
    queryKey: ['appointments', 'sites'] as const,
    queryFn: ({ signal }) => checkedApi.get(siteListSchema, '/api/v1/sites', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useRemoveLeave(staffId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (exceptionId: string) =>
      checkedApi.delete(clinicianAvailabilitySchema, `/api/v1/staff/${staffId}/availability/exceptions/${exceptionId}`),
    onSuccess: (saved) => client.setQueryData(appointmentKeys.availability(staffId), saved),
  });
}

/** A participant's weekly unavailability (work, school, childcare) and one-off exceptions; reading it is audited. */
export function useUnavailability(participantId: string) {
  return useQuery({
    queryKey: appointmentKeys.unavailability(participantId),
    queryFn: ({ signal }) =>
      checkedApi.get(
        participantUnavailabilitySchema,
        `/api/v1/participants/${participantId}/unavailability`,
        undefined,
        signal,
      ),
  });
}

const putUnavailability = (participantId: string, input: ParticipantUnavailabilityUpdate) =>
  checkedApi.put(participantUnavailabilitySchema, `/api/v1/participants/${participantId}/unavailability`, input);

export function useSaveUnavailability(participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ParticipantUnavailabilityUpdate) => putUnavailability(participantId, input),
    onSuccess: (saved) => client.setQueryData(appointmentKeys.unavailability(participantId), saved),
  });
}

/** The same save for a participant whose id is known only when it is called (intake, right after creating them). */
export function useSaveUnavailabilityOf() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ participantId, input }: { participantId: string; input: ParticipantUnavailabilityUpdate }) =>
      putUnavailability(participantId, input),
    onSuccess: (saved) => client.setQueryData(appointmentKeys.unavailability(saved.participantId), saved),
  });
}

export function useAddUnavailabilityException(participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ParticipantExceptionCreate) =>
      checkedApi.post(
        participantUnavailabilitySchema,
        `/api/v1/participants/${participantId}/unavailability/exceptions`,
        input,
      ),
    onSuccess: (saved) => client.setQueryData(appointmentKeys.unavailability(participantId), saved),
  });
}

export function useRemoveUnavailabilityException(participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (exceptionId: string) =>
      checkedApi.delete(
        participantUnavailabilitySchema,
        `/api/v1/participants/${participantId}/unavailability/exceptions/${exceptionId}`,
      ),
    onSuccess: (saved) => client.setQueryData(appointmentKeys.unavailability(participantId), saved),
  });
}
