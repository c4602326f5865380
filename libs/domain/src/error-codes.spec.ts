import { ERROR_CODES, ERROR_STATUSES, ErrorCode, isErrorCode, isErrorCodeOf } from './error-codes';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('the registry of error codes', () => {
  it('names each code PREFIX.NAME, both in upper snake case', () => {
    const bad = codes.filter((code) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*\.[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code));
    expect(bad).toEqual([]);
  });

  it('gives each code one of the statuses a refusal can answer', () => {
    const bad = codes.filter((code) => !(ERROR_STATUSES as readonly number[]).includes(ERROR_CODES[code].status));
    expect(bad).toEqual([]);
  });

  it('says what each code means in a sentence without a closing period', () => {
    const bad = codes.filter((code) => {
      const { means } = ERROR_CODES[code];
      return means.trim() === '' || means !== means.trim() || means.endsWith('.');
    });
    expect(bad).toEqual([]);
  });

  it('keeps the codes in order, by prefix and then name', () => {
    expect(codes).toEqual([...codes].sort());
  });

  it('knows a registered code, and its status, from any other string', () => {
    expect(isErrorCode('EXCHANGE.NOT_FOUND')).toBe(true);
    expect(isErrorCode('EXCHANGE.NOWHERE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCodeOf('EXCHANGE.NOT_OPEN', 409)).toBe(true);
    expect(isErrorCodeOf('EXCHANGE.NOT_FOUND', 409)).toBe(false);
    expect(isErrorCodeOf('EXCHANGE.NOWHERE', 409)).toBe(false);
  });
});
