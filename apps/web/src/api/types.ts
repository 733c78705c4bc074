/**
 * Shapes of the Trellis API. Responses come from @trellis/core's zod schemas (packages/core/src/api), the same ones the
 * server validates with, so the browser and the server cannot disagree. The few request shapes the web app builds
 * itself are written here.
 */
import type { AttendanceStatus, SexForScoring } from '@trellis/core';

export type {
  AuditEventView,
  AuditPage,
  Census,
  CensusRow,
  EmergencyContact,
  EpisodeView as Episode,
  Me,
  ParticipantLedger,
  ParticipantSummary,
  ParticipantView as Participant,
  Program,
  Room,
  RoomKind,
  Roll,
  RollEntry,
  SessionStatus,
  SessionSummary,
  Site,
  StaffMember,
  Track,
  TrackBlock,
  WeeklyHoursLedger,
  SexForScoring,
} from '@trellis/core';

export type EpisodeStatus = 'active' | 'discharged';

export interface ParticipantInput {
  givenName: string;
  familyName: string;
  preferredName?: string | null;
  pronouns?: string | null;
  dateOfBirth: string;
  phone?: string | null;
  email?: string | null;
  emergencyContact?: { name: string; relationship: string; phone: string } | null;
  sexForScoring?: SexForScoring;
}

export interface AdmissionInput {
  programId: string;
  trackId: string;
  admittedOn: string;
  primaryClinicianId: string;
  expectedWeeks?: number;
}

export interface RollMarkInput {
  participantId: string;
  status: AttendanceStatus;
  lateMinutes?: number;
  leftEarlyMinutes?: number;
}
