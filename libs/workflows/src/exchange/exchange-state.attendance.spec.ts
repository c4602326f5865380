import { exchangeIn, HOUR, START } from './exchange-state.fixtures';

describe('the attendance check', () => {
  const start = Date.parse(START);

  it('falls `attendanceCheckMs` before the start of a senior exchange', () => {
    expect(exchangeIn('scheduled', { attendanceCheckMs: 48 * HOUR }).exchange.attendanceCheckAt).toBe(start - 48 * HOUR);
    expect(exchangeIn('confirmed', { attendanceCheckMs: 48 * HOUR }).exchange.attendanceCheckAt).toBe(start - 48 * HOUR);
  });

  it('follows a reschedule: each schedule revision has its own check', () => {
    const { exchange } = exchangeIn('scheduled', { attendanceCheckMs: 48 * HOUR });
    exchange.reschedule({ startsAt: '2030-01-12T09:00:00.000Z' });
    expect(exchange.state.revision).toBe(2);
    expect(exchange.attendanceCheckAt).toBe(start + 48 * HOUR - 48 * HOUR);
  });

  it('has none without a check (a working-level exchange, or a workflow started before the check existed)', () => {
    expect(exchangeIn('scheduled').exchange.attendanceCheckAt).toBeNull();
    expect(exchangeIn('scheduled', { attendanceCheckMs: 0 }).exchange.attendanceCheckAt).toBeNull();
  });

  it('has none once the exchange is no longer open', () => {
    const { exchange } = exchangeIn('scheduled', { attendanceCheckMs: 48 * HOUR });
    exchange.cancel();
    expect(exchange.attendanceCheckAt).toBeNull();
    expect(exchangeIn('held', { attendanceCheckMs: 48 * HOUR }).exchange.attendanceCheckAt).toBeNull();
  });
});
