import type { Action } from '@trellis/core';
import { IconCalendarBolt, IconCalendarTime, IconCalendarWeek, IconCertificate, IconChartBar, IconChartLine, IconClipboardList, IconInbox, IconSettings, IconShieldCheck, IconUserCheck, IconUserCog, IconUsers, type Icon } from '@tabler/icons-react';
import type { Me } from '../api/types.ts';
import { can } from './permissions.ts';

export interface NavItem {
  label: string;
  to: string;
  permission: Action;
  icon: Icon;
}

/** The staff app's sections, each shown only to roles that may use it. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Census', to: '/census', permission: 'census.read', icon: IconChartBar },
  { label: 'Participants', to: '/participants', permission: 'participant.read', icon: IconUsers },
  { label: 'Inquiries', to: '/inquiries', permission: 'inquiry.read', icon: IconInbox },
  { label: 'Schedule', to: '/schedule', permission: 'session.read', icon: IconCalendarWeek },
  // The director and the scheduling coordinator place a whole week's appointments at once.
  { label: 'Auto-schedule', to: '/auto-schedule', permission: 'schedule-run.write', icon: IconCalendarBolt },
  { label: 'Measures due', to: '/measures/due', permission: 'measure.read', icon: IconClipboardList },
  // Treating roles' own appointments and groups (a prescriber's day); recording attendance is what marks them.
  { label: 'My day', to: '/my-day', permission: 'appointment.mark', icon: IconCalendarTime },
  { label: 'Outcomes', to: '/outcomes', permission: 'outcomes.read', icon: IconChartLine },
  // Treating roles who sign and co-sign: their own and their supervisees' overdue notes, co-signatures, plan reviews.
  { label: 'Supervision', to: '/supervision', permission: 'note.cosign', icon: IconUserCheck },
  { label: 'Certifications', to: '/certifications', permission: 'certification.read', icon: IconCertificate },
  { label: 'Setup', to: '/setup', permission: 'setup.read', icon: IconSettings },
  { label: 'Staff', to: '/staff', permission: 'staff.write', icon: IconUserCog },
  { label: 'Audit', to: '/audit', permission: 'audit.read', icon: IconShieldCheck },
];

export function navItemsFor(me: Me | null): NavItem[] {
  return NAV_ITEMS.filter((item) => can(me, item.permission));
}

/** Where a person lands after signing in: the first section their role may use. */
export function homePathFor(me: Me | null): string {
  return navItemsFor(me)[0]?.to ?? '/no-access';
}
