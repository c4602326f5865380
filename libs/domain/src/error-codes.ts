/** The HTTP statuses a refusal with a `code` can answer. */
export const ERROR_STATUSES = [400, 403, 404, 409, 422, 429, 503] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

interface ErrorCodeEntry {
  status: ErrorStatus;
  /** What the code means, for the API document and docs/errors.md: a sentence a caller can act on, without a closing period. */
  means: string;
}

/**
 * Every `code` the API answers with, declared once: its status and its meaning. A refusal names one
 * of these (DomainError's factories and WorkflowRejection take only the codes of their status), a
 * route lists the ones it can answer (`@Refuses`), and the API document gives each operation's
 * codes under their status. Ordered by prefix, then name.
 */
export const ERROR_CODES = {
  'ACCESS.ROLE_REQUIRED': { status: 403, means: 'The route needs a role the caller does not hold' },

  'ACTION_ITEM.BAD_OWNER': { status: 422, means: 'The owner filter is neither a person id nor `me` asked by a person' },
  'ACTION_ITEM.NOT_ALLOWED': {
    status: 403,
    means: 'Only coordinators of a participating organisation may change the item; its owner, its status',
  },
  'ACTION_ITEM.NOT_FOUND': { status: 404, means: 'No such action item on this exchange' },

  'AGENDA.ALREADY_ACCEPTED': { status: 409, means: 'The organisation has already accepted this item' },
  'AGENDA.ALREADY_CARRIED': { status: 409, means: 'The item has already been carried forward' },
  'AGENDA.CLOSED': { status: 409, means: 'The agenda can no longer change: the exchange is no longer scheduled or confirmed' },
  'AGENDA.FROZEN': { status: 409, means: 'The agenda froze before the start and can no longer change' },
  'AGENDA.ITEM_NOT_FOUND': { status: 404, means: 'No such agenda item on this exchange' },
  'AGENDA.NOT_COORDINATOR': { status: 403, means: 'Only a coordinator of the organisation may propose or accept for it' },
  'AGENDA.NOT_IN_SERIES': {
    status: 409,
    means: 'The exchange is not an occurrence of a series: there is no next one to carry the item to',
  },
  'AGENDA.NOT_PROPOSER': { status: 403, means: 'Only a coordinator of the organisation that proposed the item may change or remove it' },
  'AGENDA.NO_NEXT_OCCURRENCE': { status: 409, means: 'The series has no later open occurrence to carry the item to' },
  'AGENDA.ORGANIZATION_NOT_PARTICIPATING': { status: 422, means: 'The organisation named does not take part in this exchange' },
  'AGENDA.OWNER_REQUIRED': { status: 422, means: 'The admin token must name the owner of the item it proposes' },
  'AGENDA.PROPOSER_NOT_PARTICIPATING': { status: 422, means: 'The proposing organisation does not take part in this exchange' },
  'AGENDA.PROPOSER_REQUIRED': { status: 422, means: 'The admin token must name the organisation it proposes for' },

  'ATTENDANCE.ALREADY_DELEGATED': {
    status: 409,
    means: 'The caller has handed their place to a colleague: that colleague answers for this exchange now',
  },
  'ATTENDANCE.DELEGATE_OUTSIDE': { status: 422, means: 'The delegate is not a person of the caller’s organisation' },
  'ATTENDANCE.DELEGATE_PARTICIPATING': { status: 422, means: 'The delegate already takes part in this exchange' },
  'ATTENDANCE.DELEGATE_REQUIRED': { status: 422, means: 'A delegation names the colleague who takes the place: `delegateId`' },
  'ATTENDANCE.DELEGATE_SELF': { status: 422, means: 'A participant cannot delegate to themself' },
  'ATTENDANCE.DELEGATE_UNEXPECTED': { status: 422, means: 'A `delegateId` goes with the status `delegated` only' },
  'ATTENDANCE.LINK_EXPIRED': { status: 422, means: 'The attendance link has expired: the exchange is over' },
  'ATTENDANCE.LINK_NOT_VALID': { status: 422, means: 'The attendance link is not one Liaison signed: it was cut short or altered' },
  'ATTENDANCE.LINK_SUPERSEDED': {
    status: 422,
    means: 'The exchange has been rescheduled since the link was sent: answer from the newer e-mail or the web app',
  },
  'ATTENDANCE.NOT_PARTICIPANT': { status: 403, means: 'Only a participant of the exchange answers whether they attend it' },
  'ATTENDANCE.UNKNOWN_DELEGATE': { status: 422, means: 'The delegate names nobody, or a deactivated person' },

  'AUTH.CSRF': {
    status: 403,
    means: 'A change signed in by the session cookie must come from the web app: its own Origin and the session’s X-CSRF-Token header',
  },
  'AUTH.LINK_NOT_VALID': {
    status: 422,
    means: 'The sign-in link is unknown, already used or expired (links last 15 minutes): ask for a new one',
  },
  'AUTH.NO_SESSION': {
    status: 404,
    means: 'The request came with a bearer token, not the session cookie: there is no session to read or end',
  },
  'AUTH.OIDC_NOT_CONFIGURED': { status: 404, means: 'Sign-in with OpenID Connect is not configured on this installation' },

  'CALENDAR.NOT_FOUND': { status: 404, means: 'No calendar feed at this address: an unknown person or a revoked token' },

  'DATABASE.UNAVAILABLE': { status: 503, means: 'The database cannot be reached for the moment; try again after Retry-After' },

  'EVENT_SUBSCRIPTION.DELIVERY_NOT_FOUND': { status: 404, means: 'No such delivery in this event subscription’s log' },
  'EVENT_SUBSCRIPTION.DISABLED': {
    status: 409,
    means: 'The event subscription is disabled: re-enable it (`PATCH` with `status: active`) before pinging it',
  },
  'EVENT_SUBSCRIPTION.NOT_FOUND': { status: 404, means: 'No such event subscription of this organisation' },

  'EXCHANGE.ALREADY_CONFIRMED': { status: 409, means: 'The organisation has already confirmed this exchange' },
  'EXCHANGE.BAD_START': { status: 409, means: 'The workflow found the new start not in the future' },
  'EXCHANGE.HOST_NOT_PARTICIPATING': { status: 422, means: 'The host is not among the organisations of the exchange' },
  'EXCHANGE.NOT_COORDINATOR': { status: 403, means: 'Only admins and coordinators of a participating organisation may do this' },
  'EXCHANGE.NOT_FOUND': { status: 404, means: 'No such exchange, or one the caller may not see' },
  'EXCHANGE.NOT_HELD': { status: 409, means: 'The exchange has not been held yet: its minutes come after it' },
  'EXCHANGE.NOT_OPEN': { status: 409, means: 'The exchange is cancelled or over, and no longer open to this change' },
  'EXCHANGE.ORGANIZATION_NOT_PARTICIPATING': { status: 409, means: 'The organisation named does not take part in this exchange' },
  'EXCHANGE.PARTICIPANT_OUTSIDE': { status: 422, means: 'A participant is not in a participating organisation' },
  'EXCHANGE.REJECTED': { status: 409, means: 'The exchange’s workflow refused the change without saying why' },
  'EXCHANGE.STARTING': { status: 503, means: 'The exchange’s workflow has not started yet; nothing was changed, try again' },
  'EXCHANGE.START_IN_PAST': { status: 422, means: 'The start is not in the future' },
  'EXCHANGE.UNKNOWN_AREA': { status: 422, means: 'An area is not a known cooperation area' },
  'EXCHANGE.UNKNOWN_PARTICIPANT': { status: 422, means: 'A participant id names nobody' },

  'FOLLOW_UP.PERSON_OUTSIDE': { status: 422, means: 'The person named is not in a participating organisation' },
  'FOLLOW_UP.UNKNOWN_AREA': { status: 422, means: 'The area is not a known cooperation area' },
  'FOLLOW_UP.UNKNOWN_PERSON': { status: 422, means: 'The person id names nobody' },

  'IDEMPOTENCY.BAD_KEY': { status: 400, means: 'The Idempotency-Key is not 1 to 255 visible ASCII characters, sent once' },
  'IDEMPOTENCY.IN_PROGRESS': { status: 409, means: 'Another request holds this Idempotency-Key for the moment; try again shortly' },
  'IDEMPOTENCY.KEY_REUSED': { status: 422, means: 'The Idempotency-Key was first used for another request; use a new key' },
  'IDEMPOTENCY.SECRET_NOT_REPLAYABLE': { status: 409, means: 'The first answer to this Idempotency-Key held a secret, which is not kept' },

  'INPUT.REFUSED': {
    status: 400,
    means: 'The input holds something no field takes (null, NUL, a too long list…); details names each field',
  },

  'ME.NOT_A_PERSON': { status: 403, means: 'The admin token is not a person, and this is a person’s own' },

  'MINUTES.ALREADY_APPROVED': { status: 409, means: 'The organisation has already approved this version of the minutes' },
  'MINUTES.LOCKED': { status: 409, means: 'The minutes are locked: the exchange is closed' },
  'MINUTES.NOT_COORDINATOR': { status: 403, means: 'Only a coordinator of the organisation may approve the minutes for it' },
  'MINUTES.NOT_DRAFTED': { status: 409, means: 'No minutes have been drafted yet' },
  'MINUTES.STALE_VERSION': { status: 409, means: 'The version given is not the current version of the minutes' },

  'NOTIFICATION.NOT_FOUND': { status: 404, means: 'No such notification in the caller’s inbox' },

  'ORGANIZATION.DUPLICATE': { status: 409, means: 'An organisation with this code already exists' },
  'ORGANIZATION.NOT_COORDINATOR': { status: 403, means: 'Only admins and coordinators of the organisation may do this' },
  'ORGANIZATION.NOT_FOUND': { status: 404, means: 'No such organisation' },
  'ORGANIZATION.UNKNOWN': { status: 422, means: 'A code names no organisation' },

  'PAGINATION.BAD_CURSOR': { status: 422, means: 'The cursor is not one this endpoint returned' },

  'PERSON.ADMIN_ROLE': { status: 403, means: 'Only an admin may act on a person with the admin role, or give or take it' },
  'PERSON.DEACTIVATED': { status: 409, means: 'The person is deactivated: their webhook gets nothing' },
  'PERSON.DUPLICATE_EMAIL': { status: 409, means: 'A person with this e-mail already exists' },
  'PERSON.NOT_FOUND': { status: 404, means: 'No such person, or one the caller may not see' },
  'PERSON.NOT_MANAGER': { status: 403, means: 'Only admins and coordinators of the person’s organisation may do this' },
  'PERSON.ROLE_NOT_HELD': { status: 403, means: 'The person holds, or would be given, a role the caller does not hold' },

  'RATE_LIMIT.ADDRESS': { status: 429, means: 'Too many requests from this address in a minute; try again after Retry-After' },
  'RATE_LIMIT.SIGN_IN_ADDRESS': {
    status: 429,
    means: 'Too many sign-in links asked for from this address in an hour; try again after Retry-After',
  },
  'RATE_LIMIT.SIGN_IN_EMAIL': {
    status: 429,
    means: 'Too many sign-in links asked for this e-mail in an hour; try again after Retry-After',
  },
  'RATE_LIMIT.TOKEN': { status: 429, means: 'Too many requests with this token in a minute; try again after Retry-After' },

  'REMINDER.NOT_FAILED': { status: 409, means: 'Only a failed reminder can be retried' },
  'REMINDER.NOT_FOUND': { status: 404, means: 'No such reminder' },

  'SERIES.BAD_RULE': { status: 422, means: 'A field of the rule (rrule, dtstart, timezone, exdates) is malformed or out of range' },
  'SERIES.ENDED': { status: 409, means: 'The series has ended' },
  'SERIES.HOST_NOT_PARTICIPATING': { status: 422, means: 'A host of the rotation is not among the organisations of the series' },
  'SERIES.NOT_ACTIVE': { status: 409, means: 'Only an active series can be paused' },
  'SERIES.NOT_COORDINATOR': { status: 403, means: 'Only admins and coordinators of a participating organisation may do this' },
  'SERIES.NOT_FOUND': { status: 404, means: 'No such series, or one the caller may not see' },
  'SERIES.NOT_PAUSED': { status: 409, means: 'Only a paused series can be resumed' },
  'SERIES.NO_OCCURRENCE': { status: 422, means: 'The rule gives no occurrence within ten years of its dtstart' },
  'SERIES.REJECTED': { status: 409, means: 'The series’ workflow refused the change without saying why' },
  'SERIES.STARTING': { status: 503, means: 'The series’ workflow has not started yet; nothing was changed, try again' },

  'SESSION.NOT_FOUND': { status: 404, means: 'No live session of the caller’s with this id' },

  'SUPPORT.ALREADY_RAISED': { status: 409, means: 'The request is already on the agenda of that exchange' },
  'SUPPORT.BAD_ASSIGNEE': { status: 422, means: 'The assignee is not a working-level person of the providing organisation' },
  'SUPPORT.BAD_NEEDED_BY': { status: 422, means: 'The neededBy date is not a real date, today or later' },
  'SUPPORT.EXCHANGE_NOT_SHARED': { status: 422, means: 'The requesting or the providing organisation does not take part in that exchange' },
  'SUPPORT.NOT_COORDINATOR': { status: 403, means: 'Only a coordinator of the requesting or providing organisation may raise the request' },
  'SUPPORT.NOT_FOUND': { status: 404, means: 'No such support request, or one the caller may not see' },
  'SUPPORT.NOT_PROVIDING_COORDINATOR': { status: 403, means: 'Only a coordinator of the providing organisation may take this step' },
  'SUPPORT.NOT_PROVIDING_SENIOR': { status: 403, means: 'Only a senior-level person of the providing organisation may decide' },
  'SUPPORT.NOT_REQUESTING_COORDINATOR': {
    status: 403,
    means: 'Only a coordinator of the requesting organisation may file a request for it',
  },
  'SUPPORT.NOT_REQUESTING_SIDE': {
    status: 403,
    means: 'Only the submitter or a coordinator of the requesting organisation may take this step',
  },
  'SUPPORT.NO_OWNER': { status: 409, means: 'The request has nobody to own the agenda item; raise it as a person' },
  'SUPPORT.RATIONALE_REQUIRED': { status: 422, means: 'A decision against the recommendation needs a rationale' },
  'SUPPORT.SAME_ORGANIZATION': { status: 422, means: 'The providing organisation must differ from the requesting one' },
  'SUPPORT.STARTING': { status: 503, means: 'The request’s workflow has not started yet; nothing was changed, try again' },
  'SUPPORT.THIRD_ORGANIZATION': {
    status: 409,
    means: 'A third organisation takes part in that exchange; a request is shown only to its two sides',
  },
  'SUPPORT.UNKNOWN_AREA': { status: 422, means: 'The area or the A4P commitment area is not a known one' },
  'SUPPORT.UNKNOWN_EXCHANGE': { status: 422, means: 'No exchange with that id that the caller can see' },
  'SUPPORT.WRONG_STATE': { status: 409, means: 'The state of the request does not allow this step' },

  'TEMPORAL.UNAVAILABLE': { status: 503, means: 'The workflow service cannot be reached; try again, with the same Idempotency-Key' },

  'TOKEN.NOT_FOUND': { status: 404, means: 'No live token of the caller’s with this id' },

  'WEBHOOK.ADDRESS_NOT_PUBLIC': { status: 422, means: 'The webhook host is not, or does not resolve to, a public address' },
  'WEBHOOK.NOT_CONFIGURED': { status: 409, means: 'The person has no webhook URL to test' },
  'WEBHOOK.NOT_COORDINATOR': { status: 403, means: 'Only admins and coordinators of the person’s organisation may test their webhook' },
  'WEBHOOK.URL_NOT_ALLOWED': {
    status: 422,
    means: 'The webhook URL is not an absolute https URL (http where allowed) free of user name and password',
  },

  'WORKFLOW.NOT_FOUND': { status: 404, means: 'No Liaison workflow with this id' },
  'WORKFLOW.NOT_RUNNING': { status: 409, means: 'The workflow is not running, so it cannot be terminated' },
  'WORKFLOW.NO_RESET_POINT': { status: 409, means: 'The workflow has not completed a workflow task yet: there is no point to reset it to' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes answered with status `S` (a union of statuses gives the codes of any of them). */
export type ErrorCodeOf<S extends ErrorStatus> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends S ? C : never;
}[ErrorCode];

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code);

/** Whether `code` is registered and answered with `status`: for a code that comes from outside the type system (a Temporal failure's type). */
export const isErrorCodeOf = <S extends ErrorStatus>(code: string, status: S): code is ErrorCodeOf<S> =>
  isErrorCode(code) && ERROR_CODES[code].status === status;
