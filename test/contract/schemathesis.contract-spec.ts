import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { castOf } from '../support/exchanges';
import { ADMIN_TOKEN, TestStack } from '../support/stack';

/**
 * The API against its own document, from outside: Schemathesis (PyPI, installed into .tools/ by
 * scripts/ensure-schemathesis.sh) generates requests from docs/openapi.json as the test stack serves
 * it, with every check and every phase (examples, coverage, fuzzing, stateful) and a fixed seed, once
 * per kind of caller: a coordinator and a participant side by side, then the admin token. Each run must find nothing;
 * on failure the test names each failing operation and check.
 */
const ROOT = join(__dirname, '..', '..');
const SCHEMATHESIS = join(ROOT, '.tools', 'schemathesis', 'bin', 'schemathesis');
const REPORTS = join(ROOT, 'test', 'artifacts', 'schemathesis');
const SEED = '20261203';
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '3';
/** The operations by which a person's token ends itself: `DELETE /v1/me/tokens/{tokenId}`, `POST /v1/people/{id}/deactivate`. */
const SELF_ENDING = ['MeController_revoke_v1', 'PeopleController_deactivate_v1'];
/** One run takes one to three minutes on two cores; the bound is for a machine far busier than that. */
const RUN_TIMEOUT_MS = 15 * 60_000;

describe('the API against its OpenAPI document (Schemathesis)', () => {
  let stack: TestStack;
  let baseUrl: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    if (!existsSync(SCHEMATHESIS))
      throw new Error(`${SCHEMATHESIS} is missing: run bash scripts/ensure-schemathesis.sh (npm run test:all does)`);
    // On a database of its own: the admin token may reschedule, cancel and retry whatever it lists,
    // and must list only this suite's rows, never another suite's exchanges (whose workflows would
    // then take Updates no worker serves once that suite has stopped).
    stack = await TestStack.start({}, { ownDatabase: true });
    baseUrl = await stack.baseUrl();
    // Two casts, one per person's run, since the two runs go at once (see `run`).
    const [coordinators, participants] = [await castOf(stack), await castOf(stack)];
    tokens.coordinator = coordinators.unCoordinator.token;
    tokens.participant = participants.participants[0].token;
    tokens.admin = ADMIN_TOKEN;
  });
  afterAll(async () => {
    // A run started beside one that a filter (-t) left the only test still goes: the stack waits for it.
    await Promise.allSettled(runs.values());
    await stack.stop();
  });

  /**
   * One run per caller, started once. The coordinator's and the participant's go side by side: each
   * spends much of its time waiting on the other side of a request, and their people are of
   * organisations of their own (two casts), so neither sees what the other makes. The admin token's,
   * which sees every organisation, starts once both are over.
   */
  const runs = new Map<string, Promise<{ code: number | null; output: string; reportDir: string }>>();
  const run = (caller: string) => {
    if (!runs.has(caller)) {
      const started = runAs(caller);
      // Awaited by its own test; until then a failure to start must not count as unhandled.
      started.catch(() => undefined);
      runs.set(caller, started);
    }
    return runs.get(caller)!;
  };

  async function runAs(caller: string) {
    const reportDir = join(REPORTS, caller);
    rmSync(reportDir, { recursive: true, force: true });
    mkdirSync(reportDir, { recursive: true });
    const result = await schemathesis([
      '--config-file',
      join(__dirname, 'schemathesis.toml'),
      'run',
      `${baseUrl}/docs/openapi.json`,
      '--url',
      baseUrl,
      '--checks',
      'all',
      // The response-time check finds stalls, not slowness: 10 s by default, which a busy shared
      // machine can pass with a plain 400. The API's time is measured in bench/, its event loop in test/bounds.
      '--max-response-time',
      '120',
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--seed',
      SEED,
      '--max-examples',
      MAX_EXAMPLES,
      '--header',
      `Authorization: Bearer ${tokens[caller]}`,
      // A person's run keeps its own token alive: revoking it, or deactivating its person, would
      // leave every later request a 401. The admin token's run takes both.
      ...(caller === 'admin' ? [] : ['--exclude-operation-id-regex', `^(${SELF_ENDING.join('|')})$`]),
      '--report',
      'junit',
      '--report-dir',
      reportDir,
      '--no-color',
    ]);
    return { ...result, reportDir };
  }

  it.each(['coordinator', 'participant', 'admin'])(
    'finds no failure with the %s token',
    async (caller) => {
      if (caller !== 'admin') {
        void run('coordinator');
        void run('participant');
      }
      const { code, output, reportDir } = await run(caller);
      // The whole output (failures with their curl, warnings naming operations) beside the JUnit report.
      writeFileSync(join(reportDir, 'output.txt'), output);
      const report = readdirSync(reportDir).find((file) => file.endsWith('.xml'));
      if (!report) throw new Error(`schemathesis wrote no report (exit ${code}):\n${output.slice(-3000)}`);
      const summary = output.split('\n').filter((line) => /generated|Tested:|failures?,/.test(line));
      console.log(`schemathesis, ${caller} token: ${summary.join(' | ')}`);
      expect(failures(readFileSync(join(reportDir, report), 'utf8'))).toEqual([]);
      expect(code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});

function schemathesis(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Each failure of a JUnit report as `<operation>: <first line of the failure>`. */
function failures(xml: string): string[] {
  const found: string[] = [];
  for (const testcase of xml.split('<testcase').slice(1)) {
    const name = /name="([^"]*)"/.exec(testcase)?.[1] ?? '?';
    for (const failure of testcase.matchAll(/<(failure|error)[^>]*message="([^"]*)"/g)) {
      found.push(
        `${decode(name)}: ${
          decode(failure[2])
            .split('\n')
            .filter((line) => line.trim())[0] ?? ''
        }`,
      );
    }
  }
  return found;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#10;/g, '\n')
    .replace(/&amp;/g, '&');
}
