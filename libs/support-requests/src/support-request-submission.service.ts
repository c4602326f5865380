import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditService, coordinatesFor, IdempotencyScope, Principal } from '@liaison/access';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DomainError } from '@liaison/common';
import { OrganizationsService } from '@liaison/directory';
import {
  OrganizationsRepository,
  SupportRequestEntity,
  SupportRequestsRepository,
  Transactions,
  WorkflowStartsRepository,
} from '@liaison/persistence';
import { SupportPriority, supportRequestWorkflowId, SupportRequestWorkflowInput, WORKFLOW_CODE_VERSION } from '@liaison/domain';
import { startFirstRun, startSearchAttributes, TEMPORAL_CLIENT, WorkflowStarts } from '@liaison/temporal';
import { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { SupportRequestEvents } from './events/support-request-events';
import { CreateSupportRequestDto } from './dto/create-support-request.dto';
import { acknowledgeDue, calendarOf, workflowTimings } from './service-levels';

/** The audit trail's entity type, and the kind of resource an idempotency key notes. */
const SUPPORT_REQUEST = 'support-request';

/** What a request's first workflow run starts from. */
interface SubmittedRequest {
  id: string;
  priority: SupportPriority;
  ackDue: Date;
  /** Requesting, then providing organisation code. */
  organizations: [string, string];
}

/**
 * Files a support request: checks what it points at, stores it with its acknowledgement deadline
 * (working time on the providing organisation's calendar) and starts its workflow. If the workflow
 * cannot start, the request is removed and the caller told to try again. The row is marked once its
 * workflow has started; the API's workflow start relay starts the workflow of a request left
 * unmarked (its process died between the commit and the start) from the stored rows.
 */
@Injectable()
export class SupportRequestSubmissionService implements WorkflowStarts {
  readonly kind = SUPPORT_REQUEST;
  private readonly logger = new Logger(SupportRequestSubmissionService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly requests: SupportRequestsRepository,
    private readonly organizationRows: OrganizationsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyScope,
    private readonly workflowStarts: WorkflowStartsRepository,
    private readonly events: SupportRequestEvents,
  ) {}

  async submit(dto: CreateSupportRequestDto, principal: Principal): Promise<string> {
    if (dto.requestingOrganization === dto.providingOrganization) {
      throw DomainError.unprocessable('SUPPORT.SAME_ORGANIZATION', 'providingOrganization: must differ from requestingOrganization', [
        { field: 'providingOrganization', problems: ['must differ from requestingOrganization'] },
      ]);
    }
    const organizations = await this.organizations.byCodes([dto.requestingOrganization, dto.providingOrganization], 'organizations');
    if (!coordinatesFor(principal, dto.requestingOrganization)) {
      throw DomainError.forbidden(
        'SUPPORT.NOT_REQUESTING_COORDINATOR',
        `only a coordinator of ${dto.requestingOrganization} may file a request for it`,
      );
    }
    await this.requireCatalogues(dto);
    const requesting = organizations.get(dto.requestingOrganization)!;
    const providing = organizations.get(dto.providingOrganization)!;
    const today = DateTime.now().setZone(requesting.timezone).toISODate()!;
    if (!DateTime.fromISO(dto.neededBy).isValid || dto.neededBy < today) {
      throw DomainError.unprocessable('SUPPORT.BAD_NEEDED_BY', `neededBy: must be a real date, ${today} or later`, [
        { field: 'neededBy', problems: [`must be a real date, ${today} or later`] },
      ]);
    }
    const submittedAt = new Date();
    // A retry, with the same Idempotency-Key, of a submission committed but whose workflow did not
    // start (and whose removal failed too): that request, with its own deadline, started now.
    const earlier = await this.earlierRequest();
    const ackDue = earlier?.ackDue ?? acknowledgeDue(this.config.supportRequests, dto.priority, submittedAt, calendarOf(providing));
    const id =
      earlier?.id ??
      (await this.transactions.run(async (uow) => {
        const requestId = await this.requests.create(
          {
            title: dto.title,
            description: dto.description,
            requestingOrganizationId: requesting.id,
            requestingUnit: dto.requestingUnit,
            providingOrganizationId: providing.id,
            areaCode: dto.area,
            a4pAreaCode: dto.a4pArea,
            priority: dto.priority,
            neededBy: dto.neededBy,
            marking: dto.marking ?? 'UNMARKED',
            links: dto.links ?? [],
            status: 'submitted',
            submittedBy: principal.kind === 'person' ? principal.person.id : null,
          },
          uow,
        );
        await this.requests.addDeadline(requestId, 'acknowledge', ackDue, uow);
        const actor = actorOf(principal);
        await this.requests.recordEvent(
          {
            supportRequestId: requestId,
            at: submittedAt,
            kind: 'submit',
            actorType: actor.type,
            actorId: actor.id,
            fromStatus: null,
            toStatus: 'submitted',
            body: null,
            details: null,
          },
          uow,
        );
        await this.audit.record(
          {
            actor,
            action: 'support-request.submit',
            entityType: SUPPORT_REQUEST,
            entityId: requestId,
            toState: 'submitted',
            details: { priority: dto.priority, providingOrganization: dto.providingOrganization },
          },
          uow,
        );
        await this.idempotency.recordCreated(uow, SUPPORT_REQUEST, requestId);
        await this.events.record(uow, 'support-request.submitted', requestId);
        return requestId;
      }));
    if (!earlier) await faultPause(this.config.faultPauseAt, 'api.after-create-commit', (m) => this.logger.warn(m));
    try {
      await this.startWorkflow({
        id,
        priority: dto.priority,
        ackDue,
        organizations: [dto.requestingOrganization, dto.providingOrganization],
      });
    } catch (error) {
      this.logger.error({ supportRequestId: id, err: error }, 'could not start the support request workflow; the request is removed');
      await this.requests.remove(id);
      throw DomainError.unavailable('TEMPORAL.UNAVAILABLE', 'the workflow service is unavailable; nothing was created, try again');
    }
    // A failed mark is left to the relay, whose start is then refused as a duplicate and marks it.
    await this.workflowStarts
      .markStarted(SupportRequestEntity, id)
      .catch((error: unknown) =>
        this.logger.warn({ supportRequestId: id, err: error }, 'support request workflow started but not marked; the relay marks it'),
      );
    this.logger.log(
      { supportRequestId: id, workflowId: supportRequestWorkflowId(id), priority: dto.priority },
      'support request submitted',
    );
    return id;
  }

  unstarted(graceMs: number, limit: number): Promise<string[]> {
    return this.workflowStarts.unstarted(SupportRequestEntity, graceMs, limit);
  }

  /** The workflow of a request committed without it, started from the stored rows (nothing if the request is gone). */
  async startCommitted(id: string): Promise<boolean> {
    const request = await this.requests.findById(id);
    const deadline = await this.requests.deadline(id, 'acknowledge');
    if (!request || !deadline) return false;
    const codes = await this.organizationRows.byIds([request.requestingOrganizationId, request.providingOrganizationId]);
    const code = (organizationId: string) => codes.find((o) => o.id === organizationId)!.code;
    const started = await this.startWorkflow({
      id,
      priority: request.priority,
      ackDue: deadline.dueAt,
      organizations: [code(request.requestingOrganizationId), code(request.providingOrganizationId)],
    });
    await this.workflowStarts.markStarted(SupportRequestEntity, id);
    return started;
  }

  /** Starts the request's first workflow run; nothing (false) if it has one, open or closed. */
  private async startWorkflow(request: SubmittedRequest): Promise<boolean> {
    const input: SupportRequestWorkflowInput = {
      requestId: request.id,
      status: 'submitted',
      deadlines: [{ kind: 'acknowledge', dueAt: request.ackDue.toISOString(), revision: 1, met: false, paused: false }],
      ...workflowTimings(this.config.supportRequests, request.priority),
      codeVersion: WORKFLOW_CODE_VERSION,
    };
    return startFirstRun(this.temporal, 'supportRequestWorkflow', {
      workflowId: supportRequestWorkflowId(request.id),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      typedSearchAttributes: startSearchAttributes('support-request', request.id, request.organizations, 'submitted', request.ackDue),
    });
  }

  private async earlierRequest(): Promise<{ id: string; ackDue: Date } | null> {
    const id = this.idempotency.earlier(SUPPORT_REQUEST);
    if (!id) return null;
    const deadline = await this.requests.deadline(id, 'acknowledge');
    return deadline ? { id, ackDue: deadline.dueAt } : null;
  }

  private async requireCatalogues(dto: CreateSupportRequestDto): Promise<void> {
    const problems: Array<{ field: string; problems: string[] }> = [];
    if (!(await this.organizationRows.isCooperationArea(dto.area))) {
      problems.push({ field: 'area', problems: [`unknown cooperation area ${dto.area}`] });
    }
    if (!(await this.organizationRows.isA4pArea(dto.a4pArea))) {
      problems.push({ field: 'a4pArea', problems: [`unknown A4P commitment area ${dto.a4pArea}`] });
    }
    if (problems.length > 0) {
      throw DomainError.unprocessable('SUPPORT.UNKNOWN_AREA', problems.map((p) => `${p.field}: ${p.problems[0]}`).join('; '), problems);
    }
  }
}
