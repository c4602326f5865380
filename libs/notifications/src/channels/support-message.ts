import { isoInZone } from '@liaison/common';
import { PAGES, pageUrl } from '@liaison/domain';
import type { SupportDeadlineKind, SupportDeadlineStage } from '@liaison/domain';
import type { PersonEntity, SupportRequestDeadlineEntity, SupportRequestEntity } from '@liaison/persistence';
import { HEADINGS, ReminderMessage } from './reminder-message';

const STEP_OF: Record<SupportDeadlineKind, string> = {
  acknowledge: 'acknowledged',
  decision: 'decided',
};

/**
 * What a reminder about a support request's deadline says. A RESTRICTED request gives only its
 * deadline and a link on channels that leave Liaison (e-mail); the in-app inbox shows its title.
 */
export function renderSupportReminder(
  request: SupportRequestEntity,
  deadline: SupportRequestDeadlineEntity,
  person: PersonEntity,
  options: { publicBaseUrl: string; outsideLiaison: boolean; kind: SupportDeadlineStage; requesting: string; providing: string },
): ReminderMessage {
  const link = pageUrl(options.publicBaseUrl, PAGES.supportRequest(request.id));
  const restricted = options.outsideLiaison && request.marking === 'RESTRICTED';
  const due = isoInZone(deadline.dueAt, person.timezone);
  const what = restricted
    ? `a ${request.priority} support request`
    : `"${request.title}" (${request.priority}, from ${request.requestingUnit}, ${options.requesting})`;
  const subject = restricted ? `${deadline.kind} due ${due}` : request.title;
  const ask =
    options.kind === 'support-reminder'
      ? `Please make sure ${what} is ${STEP_OF[deadline.kind]} by ${due}.`
      : options.kind === 'support-breach'
        ? `${capitalise(what)} was to be ${STEP_OF[deadline.kind]} by ${due} and is not; ${options.providing}'s service level is breached.`
        : `${capitalise(what)} is still not ${STEP_OF[deadline.kind]} after its deadline of ${due}; ${options.providing}'s coordinators were told.`;
  return {
    title: `${HEADINGS[options.kind]}: ${subject}`,
    body: [ask, `Details${restricted ? ' (sign-in required)' : ''}: ${link}`].join('\n'),
    link,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
