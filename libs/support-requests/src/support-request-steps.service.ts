import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { PeopleRepository, SupportRequestEntity, SupportRequestsRepository } from '@liaison/persistence';
import {
  FINAL_SUPPORT_STATUSES,
  SupportRejection,
  supportRequestWorkflowId,
  SupportRequestUpdates,
  SupportStep,
  SupportStepArgs,
} from '@liaison/domain';
import { UpdateTarget, WorkflowUpdates } from '@liaison/temporal';
import { SupportRequestQueryService } from './support-request-query.service';
import { SupportRequestRelations, SupportRequestResponse } from './support-request.mapper';
import { sideRefusal } from './support-step-access';

/**
 * The steps of a request. Who may take a step is decided here, from Postgres (403 for the wrong
 * side, 404 for a request the caller cannot see); whether the request's state allows it is decided
 * by the workflow's Update validator (409 naming the state), which answers once the step is in Postgres.
 */
@Injectable()
export class SupportRequestStepsService {
  constructor(
    private readonly requests: SupportRequestsRepository,
    private readonly people: PeopleRepository,
    private readonly updates: WorkflowUpdates,
    private readonly query: SupportRequestQueryService,
  ) {}

  async take(id: string, step: SupportStep, body: Omit<SupportStepArgs, 'actor'>, principal: Principal): Promise<SupportRequestResponse> {
    const { request, relations } = await this.query.findVisible(id, principal);
    requireSide(step, request, relations, principal);
    const args: SupportStepArgs = { ...body, actor: actorOf(principal) };
    if (step === 'acknowledge') args.assigneeId = await this.assignee(request, body.assigneeId, principal);
    if (step === 'decide' && request.status === 'recommended') requireRationale(request, body);
    await this.update(id, step, args, request);
    return this.query.get(id, principal);
  }

  /** The assignee: a working-level person of the providing organisation; the caller when none is named and they are one. */
  private async assignee(request: SupportRequestEntity, assigneeId: string | undefined, principal: Principal): Promise<string> {
    const id = assigneeId ?? (principal.kind === 'person' ? principal.person.id : undefined);
    const person = id ? await this.people.findById(id) : null;
    const fits = person && person.organizationId === request.providingOrganizationId && person.level === 'working';
    if (fits) return person.id;
    const problem = assigneeId
      ? `${assigneeId} is not a working-level person of the providing organisation`
      : 'required: the caller is not a working-level person of the providing organisation';
    throw DomainError.unprocessable('SUPPORT.BAD_ASSIGNEE', `assigneeId: ${problem}`, [{ field: 'assigneeId', problems: [problem] }]);
  }

  private async update(id: string, step: SupportStep, args: SupportStepArgs, request: SupportRequestEntity): Promise<void> {
    const target: UpdateTarget = {
      workflowId: supportRequestWorkflowId(id),
      starting: 'SUPPORT.STARTING',
      noun: 'the request',
      rejected: SupportRejection.WrongState,
    };
    await this.updates.run<SupportRequestUpdates, SupportStep>(target, step, args, {
      standing: async () => {
        const status = (await this.requests.findById(id))?.status ?? request.status;
        return { open: !FINAL_SUPPORT_STATUSES.includes(status), status };
      },
      // The workflow ends with the request: it is closed, declined or withdrawn.
      ended: (status) => DomainError.conflict(SupportRejection.WrongState, `cannot ${step}: the request is ${status}`),
      refused: (type, message) =>
        type === SupportRejection.RationaleRequired
          ? DomainError.unprocessable(SupportRejection.RationaleRequired, message, [
              { field: 'rationale', problems: ['required when the decision goes against the recommendation'] },
            ])
          : undefined,
    });
  }
}

/** A 403 unless the caller stands on the side that takes this step (admins stand on every side). */
function requireSide(step: SupportStep, request: SupportRequestEntity, rel: SupportRequestRelations, principal: Principal): void {
  const refusal = sideRefusal(step, request, rel, principal);
  if (refusal) throw refusal;
}

function requireRationale(request: SupportRequestEntity, body: Omit<SupportStepArgs, 'actor'>): void {
  if (body.decision !== request.recommendation && !body.rationale?.trim()) {
    const problem = `required: the decision to ${body.decision} goes against the recommendation to ${request.recommendation}`;
    throw DomainError.unprocessable(SupportRejection.RationaleRequired, `rationale: ${problem}`, [
      { field: 'rationale', problems: [problem] },
    ]);
  }
}
