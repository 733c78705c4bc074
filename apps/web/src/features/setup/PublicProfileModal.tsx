import { useState } from 'react';
import { Anchor, Button, Group, Loader, Modal, NumberInput, SimpleGrid, Stack, Switch, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { updateProgramPublicProfileSchema, type ProgramPublicProfileView } from '@trellis/core';
import type { Program } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useProgramPublicProfile, useSaveProgramPublicProfile } from './api.ts';

interface Values {
  publicListed: boolean;
  audience: string;
  weekDescription: string;
  /** One item a line, as people write lists. */
  therapies: string;
  insuranceAccepted: string;
  lengthMin: number | string;
  lengthMax: number | string;
}

const FIELDS = ['publicListed', 'audience', 'weekDescription', 'therapies', 'insuranceAccepted', 'lengthMin', 'lengthMax'];
/** A list's item paths ('therapies.3') as the one field the list is typed in. */
const itemAliases = (field: string, max: number) => Object.fromEntries(Array.from({ length: max }, (_, i) => [`${field}.${i}`, field]));
/** The schema's nested paths as this form's fields ('typicalLengthWeeks.max' → 'lengthMax'; a list item → its list). */
const ALIASES: Record<string, string> = {
  'typicalLengthWeeks.min': 'lengthMin',
  'typicalLengthWeeks.max': 'lengthMax',
  typicalLengthWeeks: 'lengthMin',
  ...itemAliases('therapies', 30),
  ...itemAliases('insuranceAccepted', 50),
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The request the form's values make: blank length fields mean no typical length is published. */
export function publicProfileRequest(v: Values, version: number) {
  const bothBlank = v.lengthMin === '' && v.lengthMax === '';
  return {
    version,
    publicListed: v.publicListed,
    audience: v.audience,
    weekDescription: v.weekDescription,
    therapies: lines(v.therapies),
    insuranceAccepted: lines(v.insuranceAccepted),
    typicalLengthWeeks: bothBlank ? null : { min: v.lengthMin === '' ? undefined : Number(v.lengthMin), max: v.lengthMax === '' ? undefined : Number(v.lengthMax) },
  };
}

function ProfileForm({ program, profile, onClose }: { program: Program; profile: ProgramPublicProfileView; onClose: () => void }) {
  const save = useSaveProgramPublicProfile(program.id);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const request = coreRequestForm(updateProgramPublicProfileSchema, (v: Values) => publicProfileRequest(v, profile.version), { aliases: ALIASES });
  const form = useForm<Values>({
    initialValues: {
      publicListed: profile.publicListed,
      audience: profile.audience ?? '',
      weekDescription: profile.weekDescription ?? '',
      therapies: profile.therapies.join('\n'),
      insuranceAccepted: profile.insuranceAccepted.join('\n'),
      lengthMin: profile.typicalLengthWeeks?.min ?? '',
      lengthMax: profile.typicalLengthWeeks?.max ?? '',
    },
    validate: request.validate,
  });
  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      await save.mutateAsync(request.request(v));
      notifications.show({ color: 'teal', title: 'Public page saved', message: program.name });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, FIELDS, ALIASES));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={save.error} extra={extra} title="Could not save the public page" />
        <Switch
          label="Show this program on the public program page"
          description="People find it there, with its tracks, and can take the self-check or request an assessment"
          {...form.getInputProps('publicListed', { type: 'checkbox' })}
        />
        <Textarea label="Who it is for" autosize minRows={2} maxLength={2000} {...form.getInputProps('audience')} />
        <Textarea label="What a week looks like" autosize minRows={3} maxLength={2000} {...form.getInputProps('weekDescription')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Textarea label="Therapies offered" description="One a line, e.g. CBT" autosize minRows={3} {...form.getInputProps('therapies')} />
          <Textarea label="Insurance accepted" description="One a line, e.g. Medicaid" autosize minRows={3} {...form.getInputProps('insuranceAccepted')} />
          <NumberInput label="Typical length, from (weeks)" min={1} max={104} allowDecimal={false} clampBehavior="none" {...form.getInputProps('lengthMin')} />
          <NumberInput label="Typical length, to (weeks)" min={1} max={104} allowDecimal={false} clampBehavior="none" {...form.getInputProps('lengthMax')} />
        </SimpleGrid>
        <Group justify="space-between" mt="sm">
          <Anchor href={`/p/${profile.orgSlug}`} target="_blank" rel="noopener" size="sm">
            Preview the public page
          </Anchor>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save public page
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** What a program publishes on the organisation's public program page, validated with core's schema, with a preview link. */
export function PublicProfileModal({ program, onClose }: { program: Program; onClose: () => void }) {
  const profile = useProgramPublicProfile(program.id);
  return (
    <Modal opened onClose={onClose} title={`Public page: ${program.name}`} size="lg">
      {profile.isPending ? (
        <Loader aria-label="Loading the public profile" />
      ) : profile.isError ? (
        <ProblemAlert error={profile.error} title="Could not load the public profile" onRetry={() => void profile.refetch()} />
      ) : (
        <ProfileForm program={program} profile={profile.data} onClose={onClose} />
      )}
    </Modal>
  );
}
