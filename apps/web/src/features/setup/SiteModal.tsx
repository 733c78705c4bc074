import { useMemo, useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { createSiteSchema, updateSiteSchema } from '@trellis/core';
import type { Site } from '../../api/types.ts';
import type { FieldProblem } from '../../app/api-client.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { coreRequestForm } from '../../app/core-form.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useSaveSite } from './api.ts';
import { timeZoneOptions } from './time-zones.ts';

interface SiteValues {
  name: string;
  timeZone: string | null;
  address: string;
}

const siteRequestOf = (v: SiteValues) => ({ name: v.name, timeZone: v.timeZone ?? '', address: v.address.trim() || null });
const WHEN_EMPTY = { name: 'Enter the site’s name', timeZone: 'Choose the time zone the site is in' };
const newSiteForm = coreRequestForm(createSiteSchema, siteRequestOf, { whenEmpty: WHEN_EMPTY });
const siteEditForm = (site: Site) => coreRequestForm(updateSiteSchema, (v: SiteValues) => ({ version: site.version, ...siteRequestOf(v) }));

/** Add or edit a site; its IANA time zone decides session times and program weeks. */
export function SiteModal({ site, onClose }: { site: Site | null; onClose: () => void }) {
  const save = useSaveSite();
  const zones = useMemo(() => timeZoneOptions(), []);
  const [extra, setExtra] = useState<FieldProblem[]>([]);
  const form = useForm<SiteValues>({
    initialValues: {
      name: site?.name ?? '',
      timeZone: site?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      address: site?.address ?? '',
    },
    validate: newSiteForm.validate,
  });

  const submit = form.onSubmit(async (v) => {
    setExtra([]);
    try {
      const saved = await save.mutateAsync(site ? { id: site.id, body: siteEditForm(site).request(v) } : { body: newSiteForm.request(v) });
      notifications.show({ color: 'teal', title: site ? 'Site saved' : 'Site added', message: saved.name });
      onClose();
    } catch (error) {
      setExtra(applyFieldErrors(form, error, ['name', 'timeZone', 'address']));
    }
  });

  return (
    <Modal opened onClose={onClose} title={site ? `Edit ${site.name}` : 'Add a site'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={save.error} extra={extra} title="Could not save the site" />
          <TextInput label="Name" required placeholder="e.g. Riverside Clinic" {...form.getInputProps('name')} />
          <Select
            label="Time zone"
            required
            searchable
            data={zones}
            limit={50}
            description="Session times and program weeks (Monday to Sunday) follow this zone, daylight saving included."
            nothingFoundMessage="No zone by that name"
            {...form.getInputProps('timeZone')}
          />
          <TextInput label="Address" placeholder="Street, city" {...form.getInputProps('address')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {site ? 'Save site' : 'Add site'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
