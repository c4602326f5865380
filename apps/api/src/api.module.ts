import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AccessModule, AuthGuard } from '@liaison/access';
import { loggingModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { DirectoryModule } from '@liaison/directory';
import { ExchangesModule } from '@liaison/exchanges';
import { FollowUpModule } from '@liaison/follow-up';
import { InboxModule, QueueModule } from '@liaison/notifications';
import { PersistenceModule } from '@liaison/persistence';
import { SeriesModule } from '@liaison/series';
import { SupportRequestsModule } from '@liaison/support-requests';
import { CalendarModule } from '@liaison/calendar';
import { TemporalClientModule } from '@liaison/temporal';
import { HealthController } from './health/health.controller';
import { HttpMetricsMiddleware, MetricsController } from './metrics/metrics';

@Module({
  imports: [
    ConfigModule,
    loggingModule('api'),
    PersistenceModule,
    QueueModule,
    TemporalClientModule,
    TerminusModule,
    AccessModule,
    DirectoryModule,
    ExchangesModule,
    FollowUpModule,
    SeriesModule,
    SupportRequestsModule,
    CalendarModule,
    InboxModule,
  ],
  controllers: [HealthController, MetricsController],
  providers: [{ provide: APP_GUARD, useExisting: AuthGuard }],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
