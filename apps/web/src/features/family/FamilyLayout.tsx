import { PortalFrame } from '../portal/PortalLayout.tsx';
import { useFamilyMe } from './api.ts';

/** The family portal's frame: the participant portal's, for a family member. */
export function FamilyLayout() {
  return <PortalFrame kind="family" me={useFamilyMe()} />;
}
