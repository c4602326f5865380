import { PAGES, pageUrl } from '@liaison/domain';
import type { SupportDeadlineStage } from '@liaison/domain';
import { formatDateTime, languageOf, translate } from '@liaison/i18n';
import type { PersonEntity, SupportRequestDeadlineEntity, SupportRequestEntity } from '@liaison/persistence';
import { ReminderMessage, reminderTitle } from './reminder-message';

/**
 * What a reminder about a support request's deadline says, in the person's language. A RESTRICTED
 * request gives only its deadline and a link on channels that leave Liaison (e-mail, webhook); the
 * in-app inbox shows its title.
 */
export function renderSupportReminder(
  request: SupportRequestEntity,
  deadline: SupportRequestDeadlineEntity,
  person: PersonEntity,
  options: { publicBaseUrl: string; outsideLiaison: boolean; kind: SupportDeadlineStage; requesting: string; providing: string },
): ReminderMessage {
  const language = languageOf(person);
  const link = pageUrl(options.publicBaseUrl, PAGES.supportRequest(request.id));
  const restricted = options.outsideLiaison && request.marking === 'RESTRICTED';
  const due = formatDateTime(language, deadline.dueAt, person.timezone);
  const what = translate(language, 'reminders.support.what', {
    restricted: restricted ? 'yes' : 'no',
    priority: request.priority,
    title: request.title,
    unit: request.requestingUnit,
    requesting: options.requesting,
  });
  const subject = restricted ? translate(language, 'reminders.support.subjectRestricted', { deadline: deadline.kind, due }) : request.title;
  const ask = translate(language, `reminders.support.ask.${options.kind}`, {
    what,
    deadline: deadline.kind,
    due,
    providing: options.providing,
  });
  const details = translate(language, restricted ? 'common.detailsSignIn' : 'common.details', { link });
  return { title: reminderTitle(language, options.kind, subject), body: [ask, details].join('\n'), link };
}
