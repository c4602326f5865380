/**
 * The generation of workflow code that started a run, carried in the run's input. From generation
 * 2 a run takes every change its workflow once made behind a patch without asking `patched()`, so
 * it records no patch markers and none of the `TemporalChangeVersion` search-attribute upserts that
 * come with them (two of each in an exchange's first workflow task, on the path of every create). A
 * run whose input has no generation was started by earlier code and decides by the markers in its
 * history, as it always has. A change made behind a patch from now on asks `patched()` until a later
 * generation takes it in too.
 */
export const WORKFLOW_CODE_VERSION = 2;

export interface VersionedWorkflowInput {
  /** The generation of the code that started the run (WORKFLOW_CODE_VERSION); absent: before generation 2. */
  codeVersion?: number;
}
