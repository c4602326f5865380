import type { AttendanceStatus } from '@liaison/domain';
import type { ExchangeEntity } from '../entities';

/** What an exchange's API answer needs beside its row: its organisations (the host's code among them) and participants. */
export interface ExchangeRelations {
  hostCode: string;
  organizations: Array<{ id: string; code: string; confirmedAt: Date | null; remindedAt: Date | null; escalatedAt: Date | null }>;
  participantIds: string[];
  /** The participants by name and organisation, in the order of `participantIds`. */
  participants: Array<{
    id: string;
    name: string;
    organizationCode: string;
    /** Whether they attend, when they answered, and the delegation either way (exchange_participants). */
    attendance: AttendanceStatus;
    respondedAt: Date | null;
    delegatedTo: string | null;
    delegatedFrom: string | null;
  }>;
}

/** What an exchange is made of that the API and a series both give. */
export type ExchangeFields = Pick<
  ExchangeEntity,
  | 'title'
  | 'level'
  | 'areas'
  | 'startsAt'
  | 'durationMinutes'
  | 'timezone'
  | 'location'
  | 'marking'
  | 'reminderOffsets'
  | 'followUp'
  | 'createdBy'
>;

/** The columns an exchange is created with. */
export type NewExchangeRow = ExchangeFields &
  Pick<ExchangeEntity, 'hostOrganizationId' | 'status' | 'scheduleRevision' | 'seriesId' | 'slotStart'>;

/** Filters of the exchange list, each optional. */
export interface ExchangeFilter {
  seriesId?: string;
  from?: string;
  to?: string;
  level?: string;
  status?: string;
  area?: string;
  organization?: string;
}

/** A missed-deadline stage an organisation can be told of: each has its own column on exchange_organizations. */
export type UnconfirmedStage = 'confirmation' | 'escalation';

/** A row of `relationsOf`'s organisations query. */
export interface ExchangeOrganizationRow {
  exchange_id: string;
  id: string;
  code: string;
  confirmed_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  host: boolean;
}

/** A row of `relationsOf`'s participants query. */
export interface ExchangeParticipantRow {
  exchange_id: string;
  person_id: string;
  name: string;
  code: string;
  attendance: AttendanceStatus;
  responded_at: Date | null;
  delegated_to: string | null;
  delegated_from: string | null;
}
