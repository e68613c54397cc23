import type { FuzzCase } from "./cases";
import { summarizeAnswer, type Exploration, type FailureClass, type Minimal } from "./runner";

/** The command that replays one case (and shrinks it again). */
export const replayCommand = (seed: number, lane: number, path: string) =>
  `KEYWARD_FUZZ_SEED=${seed} KEYWARD_FUZZ_REPLAY=${lane}:${path} npm run test:fuzz`;

/** A case as the report shows it: the request, the answer, and how to replay it. */
export function showCase(
  minimal: Minimal,
  seed: number,
  describeCase: (fuzzCase: FuzzCase) => string,
  timeoutMs: number,
): string {
  return [
    `     ${describeCase(minimal.outcome.fuzzCase).replaceAll("\n", "\n     ")}`,
    `   answer: ${summarizeAnswer(minimal.outcome.answer, timeoutMs)}`,
    `   replay: ${replayCommand(seed, minimal.lane, minimal.path)}`,
  ].join("\n");
}

export interface ReportInput {
  seed: number;
  lanes: number;
  exploration: Exploration;
  exploreLimitMs: number;
  failures: FailureClass[];
  notes: FailureClass[];
  shrinkRequests: number;
  shrinkSeconds: number;
  operations: number;
  pages: number;
  totalSeconds: number;
  health: string;
  probes: { markers: string[]; statuses: Map<string, string>; seen: Set<string>; every: number };
  describeCase: (fuzzCase: FuzzCase) => string;
  timeoutMs: number;
}

/** The run's report: what was sent and how it was answered, then every failure class with its smallest case. */
export function formatReport(input: ReportInput): string {
  const { exploration, failures, notes, probes, seed } = input;
  const limit = exploration.interrupted ? ` (stopped by the ${input.exploreLimitMs / 60_000}-minute limit)` : "";
  const lines = [
    `[fuzz] seed ${seed}: ${exploration.requests} generated requests (${input.lanes} at a time) in ` +
      `${(exploration.ms / 1000).toFixed(0)} s${limit}, ${input.shrinkRequests} more while shrinking ` +
      `(${input.shrinkSeconds.toFixed(0)} s); ${input.operations} operations, ${input.pages} console pages; ` +
      `${input.totalSeconds.toFixed(0)} s in all with set-up and checks.`,
    `[fuzz] statuses per target:`,
  ];
  for (const [target, counts] of [...exploration.statuses.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const ms = [...(exploration.times.get(target) ?? [])].sort((a, b) => a - b);
    const timing = `median ${ms[Math.floor(ms.length / 2)] ?? 0} ms, max ${ms.at(-1) ?? 0} ms`;
    const statuses = [...counts.entries()].sort().map(([status, count]) => `${status}×${count}`);
    lines.push(`   ${target.padEnd(40)} ${timing.padEnd(28)} ${statuses.join(" ")}`);
  }

  lines.push(`[fuzz] ${failures.length} failure classes${failures.length ? ":" : "."}`);
  failures.forEach((c, i) => {
    const first: Minimal = {
      outcome: c.first.outcome,
      lane: c.first.lane,
      path: String(c.first.run),
      requests: 0,
      interrupted: false,
      reproduced: true,
    };
    const how = !c.minimal
      ? "first case, not shrunk (shrinking budget spent)"
      : !c.minimal.reproduced
        ? "first case; it did not fail again when replayed"
        : `smallest case after ${c.minimal.requests} shrinking requests${c.minimal.interrupted ? ", time ran out" : ""}`;
    lines.push(
      `${String(i + 1).padStart(3)}. ${c.key} — ${c.count} of ${exploration.requests} requests; ${how}:`,
      showCase(c.minimal ?? first, seed, input.describeCase, input.timeoutMs),
    );
  });

  if (notes.length) {
    lines.push(
      `[fuzz] ${notes.length} notes, not failures (the server refused early and closed while a body was still ` +
        `being sent, so its answer was lost):`,
      ...notes.map((c) => `   ${c.key} — ${c.count}×`),
    );
  }

  lines.push(`[fuzz] GET /api/health after the run: ${input.health}`);
  const probeList = probes.markers.map((marker) => {
    if (probes.seen.has(marker)) return `${marker} ✓`;
    const status = probes.statuses.get(marker);
    return status === "200" ? `${marker} ✗` : `${marker} ✗ (answered ${status})`;
  });
  const firstMissing = probes.markers.findIndex((marker) => !probes.seen.has(marker));
  const stopped =
    firstMissing < 0
      ? ""
      : ` — the log stopped being written between probe "${probes.markers[firstMissing - 1] ?? "?"}" and probe ` +
        `"${probes.markers[firstMissing]}" (a probe is sent after every ${probes.every} requests)`;
  lines.push(`[fuzz] access log: probe requests ${probeList.join(", ")}${stopped}`);
  return lines.join("\n");
}
