import { Injectable } from '@nestjs/common';
import type { Principal } from '@liaison/access';
import type { Page } from '@liaison/common';
import type { WorkflowCount, WorkflowDetail, WorkflowFilter, WorkflowSummary } from './monitoring.types';

/** Temporal's view of every Liaison workflow (visibility, describe, history) joined to the business rows in Postgres. */
@Injectable()
export class WorkflowMonitor {
  list(_filter: WorkflowFilter): Promise<Page<WorkflowSummary>> {
    throw new Error('not implemented');
  }

  detail(_workflowId: string): Promise<WorkflowDetail> {
    throw new Error('not implemented');
  }

  counts(): Promise<WorkflowCount[]> {
    throw new Error('not implemented');
  }

  terminate(_workflowId: string, _reason: string, _principal: Principal): Promise<WorkflowDetail> {
    throw new Error('not implemented');
  }

  reset(_workflowId: string, _reason: string, _principal: Principal): Promise<WorkflowDetail> {
    throw new Error('not implemented');
  }
}
