import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { SeriesEntity } from '@liaison/persistence';
import { DateTime } from 'luxon';
import { Recurrence, RECURRENCE_HORIZON_YEARS, RecurrenceError, RecurrenceInput } from './recurrence';

type RuleFields = Pick<SeriesEntity, 'rrule' | 'dtstart' | 'timezone' | 'exdates'>;

/**
 * Parses series rules with the configured limits; a bad rule is a 422 naming its field. A dtstart
 * being set (`newStart`, on create and on an amendment that gives one) may lie at most
 * RECURRENCE_HORIZON_YEARS in the past: every expansion walks the rule from its dtstart, so an
 * older one would make each read of the series walk decades.
 */
@Injectable()
export class SeriesRules {
  constructor(@Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig) {}

  parse(input: RecurrenceInput, options: { newStart?: boolean } = {}): Recurrence {
    try {
      const rule = Recurrence.parse(input, this.config.series);
      const earliest = DateTime.now().minus({ years: RECURRENCE_HORIZON_YEARS });
      if (options.newStart && rule.dtstart.getTime() < earliest.toMillis()) {
        throw new RecurrenceError(
          'dtstart',
          `dtstart: must be ${earliest.setZone(input.timezone).toISODate()} or later (at most ${RECURRENCE_HORIZON_YEARS} years ago)`,
        );
      }
      return rule;
    } catch (error) {
      if (error instanceof RecurrenceError) {
        throw DomainError.unprocessable(error.code, error.message, [
          { field: error.field, problems: [error.message.replace(/^\w+: /, '')] },
        ]);
      }
      throw error;
    }
  }

  of(series: RuleFields, options: { newStart?: boolean } = {}): Recurrence {
    return this.parse({ rrule: series.rrule, dtstart: series.dtstart, timezone: series.timezone, exdates: series.exdates }, options);
  }
}
