import {
  ATTENDANCE_STATUSES,
  EXCHANGE_STATUSES,
  PERSON_LEVELS,
  SUPPORT_PRIORITIES,
  SUPPORT_REQUEST_STATUSES,
} from '../../../../libs/domain/src';
import { ATTENDANCE_LABELS, EXCHANGE_STATUSES as EXCHANGE_FILTER_STATUSES, LEVELS, PRIORITIES, SUPPORT_STATUSES } from './vocabulary';

/**
 * The lists the filters offer are copies of the API's vocabulary (the app cannot import it; the
 * generated client has its values as types only): held here to the one declaration, in its order.
 */
describe('the web app’s copies of the vocabulary', () => {
  it('offers every exchange status, level, support-request status and priority the API knows, and no other', () => {
    expect([...EXCHANGE_FILTER_STATUSES]).toEqual([...EXCHANGE_STATUSES]);
    expect(SUPPORT_STATUSES).toEqual([...SUPPORT_REQUEST_STATUSES]);
    expect([...LEVELS]).toEqual([...PERSON_LEVELS]);
    expect(PRIORITIES).toEqual([...SUPPORT_PRIORITIES]);
  });

  it('says every attendance the API knows, in its order', () => {
    expect(Object.keys(ATTENDANCE_LABELS)).toEqual([...ATTENDANCE_STATUSES]);
  });
});
