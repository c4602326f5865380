import { SUPPORT_STEP_NAMES, SUPPORT_STEPS, SupportStepSide } from './support-request';

describe('support request steps', () => {
  it('each step is taken by its side: the provider runs the request, its senior level decides, the requester answers, closes or withdraws', () => {
    const sides: Record<SupportStepSide, string[]> = { providing: [], 'providing-senior': [], requesting: [] };
    for (const step of SUPPORT_STEP_NAMES) sides[SUPPORT_STEPS[step].side].push(step);
    expect(sides).toEqual({
      providing: ['acknowledge', 'request-information', 'recommend', 'start-delivery', 'deliver'],
      'providing-senior': ['decide'],
      requesting: ['provide-information', 'close', 'withdraw'],
    });
  });
});
