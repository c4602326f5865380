import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { ExchangesModule } from '@liaison/exchanges';
import { QueueModule } from '@liaison/notifications';
import { EventsRecordingModule } from '@liaison/events';
import { SeriesEvents } from './events/series-events';
import { SeriesRules } from './series-rules';
import { SeriesActivities } from './workflow/series.activities';

/** The worker side of recurring consultations: the series workflow's activities. */
@Module({
  imports: [AccessModule, ExchangesModule, EventsRecordingModule, QueueModule],
  providers: [SeriesActivities, SeriesRules, SeriesEvents],
  exports: [SeriesActivities],
})
export class SeriesActivitiesModule {}
