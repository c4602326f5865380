import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@liaison/access';
import { withTimeout } from '@liaison/common';
import { ReminderQueue } from '@liaison/notifications';
import { TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client } from '@temporalio/client';

/** The process is up and answering. */
export class LiveResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: ReminderQueue,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get('live')
  @ApiOkResponse({ type: LiveResponse, description: 'The process is up; says nothing of its dependencies (GET /health/ready)' })
  live(): LiveResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2000 }),
      () => this.probe('redis', () => this.queue.ping()),
      () =>
        this.probe('temporal', async () => {
          await this.temporal.connection.workflowService.getSystemInfo({});
        }),
    ]);
  }

  private async probe(key: string, check: () => Promise<void>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(check(), 2000);
      return indicator.up();
    } catch (error) {
      return indicator.down({
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
