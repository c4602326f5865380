import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { ExchangesModule } from '@liaison/exchanges';
import { ActionItemsController, ExchangeActionItemsController } from './action-items/action-items.controller';
import { ActionItemSignals } from './action-items/action-item-signals';
import { ActionItemsService } from './action-items/action-items.service';
import { AgendaController } from './agenda/agenda.controller';
import { AgendaService } from './agenda/agenda.service';
import { MinutesController } from './minutes/minutes.controller';
import { MinutesService } from './minutes/minutes.service';
import { FollowUpReferences } from './references';
import { FollowUpEventsModule } from './events/follow-up-events.module';
import { FollowUpWaiting } from './waiting/follow-up-waiting.service';

/** The API side of an exchange's life after scheduling: agenda, minutes, action items. */
@Module({
  imports: [AccessModule, ExchangesModule, FollowUpEventsModule],
  controllers: [AgendaController, MinutesController, ExchangeActionItemsController, ActionItemsController],
  providers: [AgendaService, MinutesService, ActionItemsService, ActionItemSignals, FollowUpReferences, FollowUpWaiting],
  exports: [ActionItemSignals, FollowUpWaiting],
})
export class FollowUpModule {}
