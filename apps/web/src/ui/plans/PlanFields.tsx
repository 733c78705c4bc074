import { ActionIcon, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ContactDraft } from './plan-drafts.ts';

type FieldOf<D, T> = { [K in keyof D]: D[K] extends T ? K : never }[keyof D] & string;

/** A plan's list, typed one entry per line. */
export function PlanLines<D extends object>({
  form,
  field,
  label,
}: {
  form: UseFormReturnType<D>;
  field: FieldOf<D, string>;
  label: string;
}) {
  return <Textarea label={label} description="One per line" autosize minRows={2} {...form.getInputProps(field)} />;
}

/** A plan's people: rows of name and phone, added and removed one at a time. */
export function PlanContacts<D extends object>({
  form,
  field,
  label,
}: {
  form: UseFormReturnType<D>;
  field: FieldOf<D, ContactDraft[]>;
  label: string;
}) {
  const rows = form.getValues()[field] as ContactDraft[];
  // Mantine cannot follow the generic `FieldOf` to see that the list holds ContactDraft rows; its type says so.
  const insertRow = form.insertListItem as (path: string, item: ContactDraft) => void;
  return (
    <Stack gap="xs" role="group" aria-label={label}>
      <Text fw={500} size="sm">
        {label}
      </Text>
      {rows.map((_, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput label="Name" style={{ flex: 2 }} {...form.getInputProps(`${field}.${i}.name`)} />
          <TextInput label="Phone" style={{ flex: 1 }} {...form.getInputProps(`${field}.${i}.phone`)} />
          <ActionIcon
            mt={26}
            variant="subtle"
            color="red"
            aria-label={`Remove ${label.toLowerCase()} row ${i + 1}`}
            onClick={() => form.removeListItem(field, i)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => insertRow(field, { name: '', phone: '' })}
        >
          Add a person
        </Button>
      </Group>
    </Stack>
  );
}
