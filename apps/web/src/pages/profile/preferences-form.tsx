import { Time } from '@internationalized/date';
import { useState } from 'react';
import {
  Button,
  Checkbox,
  DateInput,
  DateSegment,
  FieldError,
  Form,
  Input,
  Label,
  Text,
  TextField,
  TimeField,
} from 'react-aria-components';
import { messageOf } from '../../api/client';
import { useUpdateMe, type Me, type PersonChanges } from './profile-queries';
import { OneOf } from '../../components/fields';
import { TimeZoneField } from '../../components/time-zone-field';
import { WebhookTest } from './webhook-test';

/** `22:00` ⇄ a react-aria Time. */
const toTime = (hhmm: string | undefined) => (hhmm ? new Time(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5))) : null);
const toText = (time: Time) => `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

/** The languages Liaison writes in, by their own names. */
const LANGUAGE_NAMES: Record<Me['language'], string> = { en: 'English', fr: 'Français' };

/**
 * My settings: time zone, language, reminder channels, the morning digest and quiet hours, saved together with `PATCH /v1/me`;
 * when the API refuses the change (a webhook address it does not allow, say), its message says why.
 */
export function PreferencesForm({ me }: { me: Me }) {
  const update = useUpdateMe();
  const [timezone, setTimezone] = useState(me.timezone);
  const [language, setLanguage] = useState<string>(me.languageChoice);
  // While they follow their organisation, the language in use is the organisation's.
  const organisationLanguage = me.languageChoice === 'organization' ? LANGUAGE_NAMES[me.language] : null;
  const [email, setEmail] = useState(me.channels.email);
  const [digest, setDigest] = useState(me.digest);
  const [webhookUrl, setWebhookUrl] = useState(me.channels.webhookUrl ?? '');
  const [quietStart, setQuietStart] = useState<Time | null>(toTime(me.quietHours?.start));
  const [quietEnd, setQuietEnd] = useState<Time | null>(toTime(me.quietHours?.end));
  const halfQuiet = (quietStart === null) !== (quietEnd === null);

  const save = () => {
    const body: PersonChanges = {
      timezone,
      language: language as Me['languageChoice'],
      digest,
      channels: { email, ...(webhookUrl.trim() ? { webhookUrl: webhookUrl.trim() } : {}) },
      ...(quietStart && quietEnd ? { quietHours: { start: toText(quietStart), end: toText(quietEnd) } } : {}),
    };
    update.mutate(body);
  };

  return (
    <section aria-labelledby="settings-heading" className="panel">
      <h2 id="settings-heading">My settings</h2>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!halfQuiet) save();
        }}
      >
        <TimeZoneField value={timezone} onChange={setTimezone} description="Liaison shows every time in this zone." />
        <OneOf
          label="Language of e-mails, calendar entries and notifications"
          value={language}
          onChange={setLanguage}
          options={[
            {
              id: 'organization',
              name: organisationLanguage ? `My organisation's (${organisationLanguage})` : "My organisation's",
            },
            ...Object.entries(LANGUAGE_NAMES).map(([id, name]) => ({ id, name })),
          ]}
        />
        <fieldset className="fieldset">
          <legend>Reminders</legend>
          <p className="hint">Reminders always arrive in your inbox.</p>
          <Checkbox className="checkbox" isSelected={email} onChange={setEmail}>
            <span className="checkbox__box" aria-hidden="true" />
            Also by e-mail
          </Checkbox>
          <TextField className="field" type="url" value={webhookUrl} onChange={setWebhookUrl}>
            <Label>Webhook URL</Label>
            <Input placeholder="https://hooks.example.org/liaison" />
            <Text slot="description" className="hint">
              Liaison posts signed events here; leave empty for none.
            </Text>
            <FieldError className="error-text" />
          </TextField>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Morning digest</legend>
          <Checkbox className="checkbox" isSelected={digest} onChange={setDigest}>
            <span className="checkbox__box" aria-hidden="true" />
            Send me a digest at 07:00 on working days
          </Checkbox>
          <p className="hint">
            One e-mail with today&apos;s exchanges, action items due in the next three days and what is waiting for you; none when there is
            nothing.
          </p>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Quiet hours</legend>
          <p className="hint">
            {me.quietHours?.rule ??
              'A reminder due in your quiet hours is sent when they end, or just before they begin if they end after what it reminds you of starts.'}
          </p>
          <div className="inline-fields">
            <TimeField
              className="field"
              value={quietStart}
              onChange={setQuietStart}
              hourCycle={24}
              granularity="minute"
              shouldForceLeadingZeros
            >
              <Label>Quiet from</Label>
              <DateInput className="time-input">{(segment) => <DateSegment className="time-input__segment" segment={segment} />}</DateInput>
            </TimeField>
            <TimeField
              className="field"
              value={quietEnd}
              onChange={setQuietEnd}
              hourCycle={24}
              granularity="minute"
              shouldForceLeadingZeros
            >
              <Label>Quiet until</Label>
              <DateInput className="time-input">{(segment) => <DateSegment className="time-input__segment" segment={segment} />}</DateInput>
            </TimeField>
          </div>
          {halfQuiet ? <p className="error-text">Give both the start and the end of your quiet hours.</p> : null}
        </fieldset>
        {update.isError ? (
          <p role="alert" className="error-text">
            {messageOf(update.error)}
          </p>
        ) : null}
        {update.isSuccess ? (
          <p role="status" className="success-text">
            Your settings are saved.
          </p>
        ) : null}
        <Button type="submit" className="button" isDisabled={halfQuiet || update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </Button>
      </Form>
      <WebhookTest saved={me.channels.webhookUrl} />
    </section>
  );
}
