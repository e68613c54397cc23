import fc from "fast-check";
import { escapeBytes, type FuzzCase } from "./cases";
import type { Answer } from "./raw-http";

/**
 * Runs generated cases against the server in a few lanes (one fast-check property each, with its own seed derived
 * from the run's), sorts failures into classes, and shrinks the first case of each class with fast-check's own
 * shrinker, replaying it from its seed and path.
 */

export interface Fuzzer {
  arbitrary: fc.Arbitrary<FuzzCase>;
  seed: number;
  runs: number;
  lanes: number;
  timeoutMs: number;
  /** The run stops generating after this long (a server that hangs would otherwise hold every lane 15 s a request). */
  exploreLimitMs: number;
  send: (fuzzCase: FuzzCase) => Promise<Answer>;
}

export interface Outcome {
  fuzzCase: FuzzCase;
  answer: Answer;
}

export interface FailureClass {
  /** "500 GET /api/v1/webhooks/{id} [path:param]" */
  key: string;
  failure: string;
  /** A note, not a failure: reported, not shrunk, and it does not fail the run. */
  note: boolean;
  count: number;
  first: { lane: number; run: number; outcome: Outcome };
  minimal?: Minimal;
}

export interface Minimal {
  outcome: Outcome;
  lane: number;
  /** fast-check's counterexample path: `KEYWARD_FUZZ_REPLAY=<lane>:<path>` replays exactly this case. */
  path: string;
  requests: number;
  /** The shrinking ran out of time: the case is smaller than the first one, maybe not the smallest. */
  interrupted: boolean;
  /** The first case failed again when replayed; false when the failure did not repeat. */
  reproduced: boolean;
}

export interface Exploration {
  requests: number;
  ms: number;
  /** The time limit stopped the run before every case was sent. */
  interrupted: boolean;
  classes: Map<string, FailureClass>;
  /** target → status (or failure) → count */
  statuses: Map<string, Map<string, number>>;
  /** target → answer times in ms */
  times: Map<string, number[]>;
}

/** The seed of a lane: lanes explore different cases, and each can be replayed alone. */
export const laneSeed = (seed: number, lane: number) => (seed + lane * 7919) | 0;

const runsPerLane = (fuzzer: Fuzzer) => Math.ceil(fuzzer.runs / fuzzer.lanes);

/**
 * What is wrong with an answer, or null when it is a clean one: anything below 500, in time, except a redirect to
 * the very URL that was asked for, which a client follows forever.
 */
export function failureOf(answer: Answer, timeoutMs: number): string | null {
  if (answer.error === "timeout") {
    return answer.status === null
      ? `no answer within ${timeoutMs / 1000} s`
      : `${answer.status} but the body did not end within ${timeoutMs / 1000} s`;
  }
  if (!answer.connected) return `no connection (${answer.error ?? "refused"})`;
  if (answer.status === null && answer.sentAll)
    return `connection closed without an answer (${answer.error ?? "closed"})`;
  if (answer.status !== null && answer.status >= 500) return String(answer.status);
  const location = /^location:[ \t]*(.*?)[ \t]*$/im.exec(answer.head)?.[1];
  if (answer.status !== null && answer.status >= 300 && answer.status < 400 && location === answer.target) {
    return `${answer.status} redirect to the URL asked for`;
  }
  // RFC 9110 §15.5.6: a 405 must say what the resource allows (Next.js alone answers one without).
  if (answer.status === 405 && !/^allow:/im.test(answer.head)) return "405 without Allow";
  return null;
}

/**
 * Worth reporting but not a failure: the server closed or reset the connection while a (big) body was still being
 * sent, so its answer, if any, was lost. Refusing early and closing is allowed; the client only sees a reset.
 */
export function noteOf(answer: Answer): string | null {
  if (answer.connected && answer.status === null && !answer.sentAll && answer.error !== "timeout") {
    return `connection reset while the body was being sent (${answer.error ?? "closed"})`;
  }
  return null;
}

/** The path template of a target key ("PATCH /api/v1/api-keys/{id}" → "/api/v1/api-keys/{id}"). */
const templateOf = (target: string) => target.slice(target.indexOf(" ") + 1);

export const classKey = (fuzzCase: FuzzCase, failure: string) =>
  `${failure} ${fuzzCase.method} ${templateOf(fuzzCase.target)} [${fuzzCase.aspect}]`;

/**
 * Sends `runs` generated cases, `lanes` at a time. `between(n)` runs after the n-th request of the whole run
 * (for checkpoints); the lane that made it waits for it.
 */
export async function explore(fuzzer: Fuzzer, between: (requests: number) => Promise<void>): Promise<Exploration> {
  const started = performance.now();
  const classes = new Map<string, FailureClass>();
  const statuses = new Map<string, Map<string, number>>();
  const times = new Map<string, number[]>();
  let requests = 0;
  let interrupted = false;
  const perLane = runsPerLane(fuzzer);

  await Promise.all(
    Array.from({ length: fuzzer.lanes }, async (_, lane) => {
      let run = 0;
      const details = await fc.check(
        fc.asyncProperty(fuzzer.arbitrary, async (fuzzCase) => {
          const index = run++;
          const answer = await fuzzer.send(fuzzCase);
          const failure = failureOf(answer, fuzzer.timeoutMs);
          const note = failure ? null : noteOf(answer);
          const counts = statuses.get(fuzzCase.target) ?? new Map<string, number>();
          statuses.set(fuzzCase.target, counts);
          const status =
            answer.status === null ? (answer.error === "timeout" ? "timeout" : "reset") : String(answer.status);
          counts.set(status, (counts.get(status) ?? 0) + 1);
          times.set(fuzzCase.target, [...(times.get(fuzzCase.target) ?? []), answer.ms]);
          const problem = failure ?? note;
          if (problem) {
            const key = classKey(fuzzCase, problem);
            const known = classes.get(key);
            if (known) known.count++;
            else
              classes.set(key, {
                key,
                failure: problem,
                note: !failure,
                count: 1,
                first: { lane, run: index, outcome: { fuzzCase, answer } },
              });
          }
          await between(++requests);
          // Failures are collected, not thrown: one run finds every class instead of stopping at the first.
          return true;
        }),
        { seed: laneSeed(fuzzer.seed, lane), numRuns: perLane, interruptAfterTimeLimit: fuzzer.exploreLimitMs },
      );
      if (details.interrupted) interrupted = true;
      else if (details.failed) throw new Error(`Fuzzing lane ${lane} stopped: ${String(details.errorInstance)}`);
    }),
  );
  return { requests, ms: Math.round(performance.now() - started), interrupted, classes, statuses, times };
}

/**
 * Replays case `path` of `lane` and shrinks it while `matches` holds, for at most `budgetMs`. Returns the smallest
 * case found, or the replayed one if it no longer fails.
 */
export async function hunt(
  fuzzer: Fuzzer,
  lane: number,
  path: string,
  matches: (outcome: Outcome) => boolean,
  budgetMs: number,
): Promise<Minimal | null> {
  let requests = 0;
  let last: Outcome | null = null;
  let replayed: Outcome | null = null;
  const details = await fc.check(
    fc.asyncProperty(fuzzer.arbitrary, async (fuzzCase) => {
      requests++;
      const outcome = { fuzzCase, answer: await fuzzer.send(fuzzCase) };
      replayed ??= outcome;
      if (!matches(outcome)) return true;
      last = outcome;
      return false;
    }),
    {
      seed: laneSeed(fuzzer.seed, lane),
      numRuns: runsPerLane(fuzzer),
      path,
      interruptAfterTimeLimit: budgetMs,
      markInterruptAsFailure: true,
    },
  );
  const outcome = last ?? replayed;
  if (!outcome) return null;
  return {
    outcome,
    lane,
    path: last ? (details.counterexamplePath ?? path) : path,
    requests,
    interrupted: details.interrupted,
    reproduced: last !== null,
  };
}

/**
 * Shrinks the first case of each class within an overall time budget: first one class per failure and aspect
 * (classes that differ only by target often share a cause), then the others while time is left.
 */
export async function shrinkAll(
  fuzzer: Fuzzer,
  classes: FailureClass[],
  budgetMs: number,
  perClassMs: number,
): Promise<number> {
  const deadline = performance.now() + budgetMs;
  let requests = 0;
  const kinds = new Set<string>();
  const firstOfKind = classes.filter((c) => {
    const kind = `${c.failure} [${c.first.outcome.fuzzCase.aspect}]`;
    if (kinds.has(kind)) return false;
    kinds.add(kind);
    return true;
  });
  const order = [...firstOfKind, ...classes.filter((c) => !firstOfKind.includes(c))];
  for (const failureClass of order) {
    const left = deadline - performance.now();
    if (left < 1000) break;
    const { lane, run } = failureClass.first;
    const matches = ({ fuzzCase, answer }: Outcome) => {
      const failure = failureOf(answer, fuzzer.timeoutMs);
      return failure !== null && classKey(fuzzCase, failure) === failureClass.key;
    };
    const minimal = await hunt(fuzzer, lane, String(run), matches, Math.min(perClassMs, left));
    if (minimal) {
      failureClass.minimal = minimal;
      requests += minimal.requests;
    }
  }
  return requests;
}

/** The answer in one line: status line, content type, and the start of the body. */
export function summarizeAnswer(answer: Answer, timeoutMs: number): string {
  if (answer.status === null)
    return answer.error === "timeout"
      ? `nothing within ${timeoutMs / 1000} s`
      : `no answer (${answer.error ?? "closed"})`;
  const statusLine = answer.head.split("\r\n")[0] ?? "";
  const type = /^content-type:\s*(.*)$/im.exec(answer.head)?.[1] ?? "no content type";
  const body = escapeBytes(answer.body, 160).replace(/\s+/g, " ");
  return `${statusLine} · ${type}${body ? ` · ${body}` : ""}`;
}
