import { defineSearchAttributeKey } from '@temporalio/common';
import { SYSTEM_ACTOR } from './actor';
import { exchangeWorkflowId } from './exchange';
import { EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL, EXCHANGE_STATE_QUERY } from './exchange-workflow';
import { SEARCH_ATTRIBUTE_TYPES, SearchAttributeName, searchAttributeKey } from './search-attributes';
import { seriesWorkflowId } from './series-workflow';
import { SUPPORT_REQUEST_STATE_QUERY, supportRequestWorkflowId } from './support-request-workflow';
import { WorkflowRejection } from './workflow-rejection';

// What running workflows and their histories hold: a change here strands the workflows already started.
describe('the names workflows are known by', () => {
  it('a workflow id is its kind and its entity id, so one entity has one workflow of each kind', () => {
    const id = '0b8a3c1e-0000-4000-8000-000000000001';
    expect(exchangeWorkflowId(id)).toBe(`exchange-${id}`);
    expect(seriesWorkflowId(id)).toBe(`series-${id}`);
    expect(supportRequestWorkflowId(id)).toBe(`support-request-${id}`);
  });

  it('the signal and queries keep the names running workflows handle', () => {
    expect(EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL).toBe('actionItemsChanged');
    expect(EXCHANGE_STATE_QUERY).toBe('state');
    expect(SUPPORT_REQUEST_STATE_QUERY).toBe('state');
  });

  it.each(Object.entries(SEARCH_ATTRIBUTE_TYPES) as Array<[SearchAttributeName, string]>)(
    'the search attribute key %s is the one Temporal makes of its name and type (%s)',
    (name, type) => {
      expect(searchAttributeKey(name)).toEqual(defineSearchAttributeKey(name, type as never));
    },
  );
});

describe('actors and rejections', () => {
  it('the system actor is the system, with no id, and cannot be changed', () => {
    expect(SYSTEM_ACTOR).toEqual({ type: 'system', id: null });
    expect(Object.isFrozen(SYSTEM_ACTOR)).toBe(true);
  });

  it('a workflow rejection is an Error that names itself and carries its code', () => {
    const rejection = new WorkflowRejection('EXCHANGE.NOT_OPEN', 'the exchange is held');
    expect(rejection).toBeInstanceOf(Error);
    expect(rejection.type).toBe('EXCHANGE.NOT_OPEN');
    expect(String(rejection)).toBe('WorkflowRejection: the exchange is held');
  });
});
