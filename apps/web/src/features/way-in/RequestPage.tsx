import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Radio, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  INQUIRY_PAYER_LABELS,
  INQUIRY_PAYERS,
  inquiryRequestSchema,
  type InquiryRequestInput,
} from '@trellis/core';
import { errorMessage, isApiError } from '../../app/api-client.ts';
import { coreSchemaResolver } from '../../app/core-form.ts';
import { applyFieldErrors } from '../../app/form-errors.ts';
import { sendInquiry, useInquiryFormToken, useProgramPage } from './public-api.ts';
import { PublicLink, usePublicLocation } from './public-route.tsx';

interface Draft {
  name: string;
  phone: string;
  email: string;
  preferredContact: string;
  programId: string | null;
  payer: string;
  message: string;
  consentToContact: boolean;
  formToken: string;
  /** The honeypot: hidden from people (and from screen readers), filled in by bots. */
  website: string;
}

const FIELDS = ['name', 'phone', 'email', 'preferredContact', 'programId', 'payer', 'message', 'consentToContact', 'formToken', 'website'];

/** "Request an assessment": the program answers only that the request was received; nothing stored is shown back. */
export function RequestPage() {
  const { orgSlug, search } = usePublicLocation();
  const programs = useProgramPage(orgSlug);
  const token = useInquiryFormToken(orgSlug);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const form = useForm<Draft>({
    initialValues: {
      name: '',
      phone: '',
      email: '',
      preferredContact: '',
      programId: search.get('program'),
      payer: '',
      message: '',
      consentToContact: false,
      formToken: '',
      website: '',
    },
    validate: coreSchemaResolver<Draft>(inquiryRequestSchema, {
      whenEmpty: { name: 'Enter your name', preferredContact: 'Choose how we should contact you', payer: 'Choose how you expect to pay' },
    }),
  });
  const tokenValue = token.data?.formToken;
  useEffect(() => {
    if (tokenValue) form.setFieldValue('formToken', tokenValue);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new token should change the field
  }, [tokenValue]);

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setSending(true);
    try {
      await sendInquiry(orgSlug, values as InquiryRequestInput);
      setSent(true);
    } catch (error) {
      const unplaced = applyFieldErrors(form, error, FIELDS);
      const tokenProblem = isApiError(error, 400) && error.errors.find((e) => e.path === 'body.formToken');
      if (tokenProblem) {
        setProblem(`This form ${tokenProblem.message}.`);
        void token.refetch();
      } else if (isApiError(error, 400) && unplaced.length === 0) {
        setProblem('Some answers need attention (marked below).');
      } else {
        setProblem(errorMessage(error));
      }
    } finally {
      setSending(false);
    }
  });

  if (sent) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          Request received
        </Title>
        <Alert color="teal" title="Thank you">
          The program will contact you the way you asked, usually within one working day. If things get worse before then,
          use the crisis resources above.
        </Alert>
        <Button component={PublicLink} href={`/p/${orgSlug}`} variant="light">
          Back to the programs
        </Button>
      </Stack>
    );
  }

  const programOptions = (programs.data?.programs ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={1} size="h2">
          Request an assessment
        </Title>
        <Text>Tell us how to reach you. A member of our intake team will call, text or email to talk it through.</Text>
        {problem && (
          <Alert color="red" title="Not sent yet" role="alert">
            {problem}
          </Alert>
        )}
        {token.isError && (
          <Alert color="red" title="The form could not open">
            {errorMessage(token.error)}
          </Alert>
        )}
        <TextInput label="Your name" autoComplete="name" withAsterisk {...form.getInputProps('name')} />
        <Radio.Group label="How should we contact you?" withAsterisk {...form.getInputProps('preferredContact')}>
          <Group gap="md" mt="xs">
            {CONTACT_METHODS.map((m) => (
              <Radio key={m} value={m} label={CONTACT_METHOD_LABELS[m]} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput label="Phone" type="tel" autoComplete="tel" inputMode="tel" {...form.getInputProps('phone')} />
        <TextInput label="Email" type="email" autoComplete="email" {...form.getInputProps('email')} />
        <Select
          label="Program you are asking about"
          placeholder="Not sure"
          clearable
          data={programOptions}
          {...form.getInputProps('programId')}
        />
        <Select
          label="How do you expect to pay?"
          withAsterisk
          data={INQUIRY_PAYERS.map((p) => ({ value: p, label: INQUIRY_PAYER_LABELS[p] }))}
          {...form.getInputProps('payer')}
        />
        <Textarea
          label="Anything you would like us to know (optional)"
          description="A few words are enough, such as the best times to reach you. Please do not include anything you would not want a receptionist to read."
          rows={4}
          maxLength={1000}
          {...form.getInputProps('message')}
        />
        {/* The honeypot: off-screen and out of the tab order; a person never fills it in. */}
        <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
          <label>
            Website
            <input type="text" name="website" tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
          </label>
        </div>
        <Checkbox
          label="I agree to be contacted about this request by the method I chose."
          {...form.getInputProps('consentToContact', { type: 'checkbox' })}
        />
        <Button type="submit" size="md" loading={sending} disabled={!tokenValue}>
          Send my request
        </Button>
      </Stack>
    </form>
  );
}
