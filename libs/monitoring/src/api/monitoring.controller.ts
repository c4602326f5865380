import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@liaison/access';
import { ApiPageResponse, type Page, Refuses } from '@liaison/common';
import { AdminReminder, QueuesResponse, WorkflowDetail, WorkflowSummary } from '../monitoring.types';
import { QueueMonitor } from '../queue-monitor.service';
import { ReminderMonitor } from '../reminder-monitor.service';
import { WorkflowMonitor } from '../workflow-monitor.service';
import { ListRemindersQuery, ListWorkflowsQuery, ResetWorkflowDto, TerminateWorkflowDto, WORKFLOW_ID } from './monitoring.dto';

/** A 400 naming the parameter for a workflow id Liaison could not have made. */
class WorkflowIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!WORKFLOW_ID.test(value))
      throw new BadRequestException('workflowId must be 1-200 letters, digits, dots, colons, dashes or underscores');
    return value;
  }
}

/** The document's word for the workflowId path parameter: what WorkflowIdPipe takes. */
const WorkflowIdParam = () => ApiParam({ name: 'workflowId', schema: { type: 'string', pattern: WORKFLOW_ID.source } });

/** Monitoring for admins: every workflow with its business state, the queue, failed reminders. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin', version: '1' })
export class MonitoringController {
  constructor(
    private readonly workflows: WorkflowMonitor,
    private readonly reminders: ReminderMonitor,
    private readonly queues: QueueMonitor,
  ) {}

  @Get('workflows')
  @ApiPageResponse(WorkflowSummary, "Workflows, newest first: Temporal's execution status joined to the business state in Postgres")
  listWorkflows(@Query() query: ListWorkflowsQuery): Promise<Page<WorkflowSummary>> {
    return this.workflows.list(query);
  }

  @Get('workflows/:workflowId')
  @WorkflowIdParam()
  @ApiOkResponse({
    type: WorkflowDetail,
    description: 'One workflow with pending timers and activities, its last failure and a Temporal UI link',
  })
  @Refuses('WORKFLOW.NOT_FOUND')
  workflow(@Param('workflowId', WorkflowIdPipe) workflowId: string): Promise<WorkflowDetail> {
    return this.workflows.detail(workflowId);
  }

  @Post('workflows/:workflowId/terminate')
  @WorkflowIdParam()
  @HttpCode(200)
  @ApiOkResponse({ type: WorkflowDetail, description: 'The workflow, `terminated`; the business row stays as it was' })
  @Refuses('WORKFLOW.NOT_FOUND', 'WORKFLOW.NOT_RUNNING')
  terminate(
    @Param('workflowId', WorkflowIdPipe) workflowId: string,
    @Body() dto: TerminateWorkflowDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorkflowDetail> {
    return this.workflows.terminate(workflowId, dto.reason, principal);
  }

  @Post('workflows/:workflowId/reset')
  @WorkflowIdParam()
  @HttpCode(200)
  @ApiOkResponse({
    type: WorkflowDetail,
    description: 'The workflow, after its reset: the new run, carrying on from the chosen workflow task',
  })
  @Refuses('WORKFLOW.NOT_FOUND', 'WORKFLOW.NO_RESET_POINT')
  reset(
    @Param('workflowId', WorkflowIdPipe) workflowId: string,
    @Body() dto: ResetWorkflowDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorkflowDetail> {
    return this.workflows.reset(workflowId, dto.reason, dto.to, principal);
  }

  @Get('queues')
  @ApiOkResponse({ type: QueuesResponse, description: 'Job counts per queue and state, and the number of workers listening' })
  async listQueues(): Promise<QueuesResponse> {
    return { items: await this.queues.counts() };
  }

  @Get('reminders')
  @ApiPageResponse(AdminReminder, 'Reminder rows, newest due first; ?status=failed for the failed deliveries')
  listReminders(@Query() query: ListRemindersQuery): Promise<Page<AdminReminder>> {
    return this.reminders.list(query);
  }

  @Post('reminders/:id/retry')
  @HttpCode(200)
  @ApiOkResponse({
    type: AdminReminder,
    description: 'The reminder, back on the queue with fresh attempts (`queued` until the notifier takes it)',
  })
  @Refuses('REMINDER.NOT_FAILED', 'REMINDER.NOT_FOUND')
  retry(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<AdminReminder> {
    return this.reminders.retry(id, principal);
  }
}
