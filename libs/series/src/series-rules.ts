import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { SeriesEntity } from '@liaison/persistence';
import { Recurrence, RecurrenceError, RecurrenceInput } from './recurrence';

/** Parses series rules with the configured limits; a bad rule is a 400 naming its field. */
@Injectable()
export class SeriesRules {
  constructor(@Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig) {}

  parse(input: RecurrenceInput): Recurrence {
    try {
      return Recurrence.parse(input, this.config.series);
    } catch (error) {
      if (error instanceof RecurrenceError) {
        throw DomainError.invalid('SERIES.BAD_RULE', error.message, [
          { field: error.field, problems: [error.message.replace(/^\w+: /, '')] },
        ]);
      }
      throw error;
    }
  }

  of(series: Pick<SeriesEntity, 'rrule' | 'dtstart' | 'timezone' | 'exdates'>): Recurrence {
    return this.parse({ rrule: series.rrule, dtstart: series.dtstart, timezone: series.timezone, exdates: series.exdates });
  }
}
