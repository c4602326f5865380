import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  AccessModule,
  AuthGuard,
  IdempotencyInterceptor,
  IdempotencyPurge,
  OidcModule,
  RateLimitGuard,
  throttlerModule,
} from '@liaison/access';
import { InputScreenInterceptor, loggingModule, MetricsModule } from '@liaison/common';
import { ConfigModule } from '@liaison/config';
import { AuthModule, DirectoryModule } from '@liaison/directory';
import { EventSubscriptionsModule } from '@liaison/events';
import { ExchangesModule } from '@liaison/exchanges';
import { FollowUpModule } from '@liaison/follow-up';
import { InboxModule, QueueModule } from '@liaison/notifications';
import { MonitoringModule } from '@liaison/monitoring';
import { PersistenceModule } from '@liaison/persistence';
import { SeriesModule } from '@liaison/series';
import { SupportRequestsModule } from '@liaison/support-requests';
import { CalendarModule } from '@liaison/calendar';
import { TemporalClientModule } from '@liaison/temporal';
import { HealthController } from './health/health.controller';
import { HttpMetricsMiddleware, MetricsController } from './metrics/metrics';
import { WorkflowStartRelay } from './workflow-starts/workflow-start-relay';
import { WaitingModule } from './waiting/waiting.module';

@Module({
  imports: [
    ConfigModule,
    loggingModule('api'),
    MetricsModule.forApp('liaison_api_'),
    PersistenceModule,
    QueueModule,
    TemporalClientModule,
    TerminusModule,
    throttlerModule,
    AccessModule,
    OidcModule,
    DirectoryModule,
    AuthModule,
    ExchangesModule,
    FollowUpModule,
    SeriesModule,
    SupportRequestsModule,
    CalendarModule,
    EventSubscriptionsModule,
    InboxModule,
    MonitoringModule,
    WaitingModule,
  ],
  controllers: [HealthController, MetricsController],
  // Rate limits first (they count requests with bad tokens too), then authentication.
  providers: [
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useExisting: AuthGuard },
    // The input screen first: nothing walks a body (the idempotency hash included) before it is screened.
    { provide: APP_INTERCEPTOR, useClass: InputScreenInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    // Expired idempotency keys are deleted on a schedule, one API process at a time.
    IdempotencyPurge,
    // Rows committed whose workflow start was lost (the API died in between) are started, one API process at a time.
    WorkflowStartRelay,
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
