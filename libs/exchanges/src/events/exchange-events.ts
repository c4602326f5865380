import { Injectable } from '@nestjs/common';
import type { EventType } from '@liaison/domain';
import { EventRecorder } from '@liaison/events';
import { ExchangeEntity, ExchangeRelations, ExchangesRepository, UnitOfWork } from '@liaison/persistence';
import { toExchangeResponse } from '../exchange.mapper';
import type { ExchangeResponse } from '../exchange.response';

/** A resource of an exchange's as the API shows it, built from the exchange as the change's unit of work has it. */
export type ResourceView = (exchange: ExchangeEntity, relations: ExchangeRelations) => object | Promise<object>;

/** An exchange and its relations as one unit of work has them. */
export interface ExchangeSnapshot {
  exchange: ExchangeEntity;
  relations: ExchangeRelations;
}

/** The events of an exchange's own life (docs/events.md). */
export type ExchangeEventType = Extract<EventType, `exchange.${string}`>;

/**
 * Records the events of an exchange and of what belongs to it (agenda, minutes, action items,
 * attendance), in the unit of work of the change: all of them on the exchange's lane, heard by its
 * organisations only, a RESTRICTED exchange's reduced to ids, status and times.
 */
@Injectable()
export class ExchangeEvents {
  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly recorder: EventRecorder,
  ) {}

  /** `type`, its data the exchange as `uow` now has it; returns that exchange, for a caller that answers with it. */
  async exchange(uow: UnitOfWork, type: ExchangeEventType, exchangeId: string): Promise<ExchangeSnapshot> {
    const snapshot = await this.load(uow, exchangeId);
    await this.write(uow, type, snapshot.exchange, snapshot.relations, exchangeEventData(snapshot.exchange, snapshot.relations));
    return snapshot;
  }

  /** `attendance.answered`: the participant's entry as the exchange's view shows it, with the exchange's id. */
  async answered(uow: UnitOfWork, exchangeId: string, personId: string): Promise<void> {
    await this.about(uow, 'attendance.answered', exchangeId, (exchange, relations) => ({
      exchangeId,
      ...exchangeEventData(exchange, relations).participants.find((p) => p.id === personId)!,
    }));
  }

  /**
   * An event of something of the exchange's (an agenda item, the minutes, an action item, an
   * answer): `view` gives that resource as the API shows it. `only`: the organisations (ids) that
   * may see it, when fewer than the exchange's (an agenda item about a support request: its two sides).
   */
  async about(uow: UnitOfWork, type: EventType, exchangeId: string, view: ResourceView, only?: string[]): Promise<void> {
    const { exchange, relations } = await this.load(uow, exchangeId);
    const data = (await view(exchange, relations)) as Record<string, unknown>;
    const hearing = only ? { ...relations, organizations: relations.organizations.filter((o) => only.includes(o.id)) } : relations;
    await this.write(uow, type, exchange, hearing, data);
  }

  private async load(uow: UnitOfWork, exchangeId: string): Promise<ExchangeSnapshot> {
    const exchange = await this.exchanges.getById(exchangeId, uow);
    const relations = (await this.exchanges.relationsOf([exchangeId], uow)).get(exchangeId)!;
    return { exchange, relations };
  }

  private write(uow: UnitOfWork, type: EventType, exchange: ExchangeEntity, relations: ExchangeRelations, data: Record<string, unknown>) {
    return this.recorder.record(uow, {
      type,
      lane: { kind: 'exchange', id: exchange.id },
      organizationIds: relations.organizations.map((o) => o.id),
      marking: exchange.marking,
      data,
    });
  }
}

/**
 * The exchange as a coordinator of a taking-part organisation sees it through the API (every
 * participant's attendance), without the caller's own part: `actions`, `actingFor` and
 * `confirmableFor` are empty, since a receiving system acts for no one.
 */
export function exchangeEventData(exchange: ExchangeEntity, relations: ExchangeRelations): ExchangeResponse & Record<string, unknown> {
  const response = toExchangeResponse(exchange, relations, { actions: [], actingFor: [], confirmableFor: [] }, null, true);
  return response as ExchangeResponse & Record<string, unknown>;
}
