/**
 * TEST HOOK, for the fault tests (test/faults/commit-to-effect.fault-spec.ts) only. The places where
 * a worker has committed a state change and not yet done what follows from it (handed its reminders
 * to the queue, brought a series' occurrences in line), and where the API has committed a new
 * exchange, series, support request or action item and not yet started (told) its workflow. With `LIAISON_FAULT_PAUSE_AT=<site>` a process that reaches that site logs
 * `fault pause: <site>` and waits there for good, so that the test can SIGKILL it at exactly that
 * point. Unset (always, outside those tests) it does nothing.
 */
export const FAULT_PAUSE_SITES = [
  'action-item-stage.committed',
  'support-deadline-stage.committed',
  'minutes-stage.committed',
  'series-amendment.committed',
  'api.after-create-commit',
] as const;
export type FaultPauseSite = (typeof FAULT_PAUSE_SITES)[number];

/** Waits for good when `site` is the configured one (a test hook; see above); else returns at once. */
export async function faultPause(configured: FaultPauseSite | null, site: FaultPauseSite, log: (message: string) => void): Promise<void> {
  if (configured !== site) return;
  log(`fault pause: ${site}`);
  await new Promise<never>(() => undefined);
}
