import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { Server, ServerResponse } from "node:http";

/**
 * Requests in flight get this long after SIGTERM (longer than the worst database wait of db/timeouts.ts); the final
 * steps (access log, webhook claims, database) then get what is left, and at least FINAL_STEPS_MIN_MS.
 */
export const SHUTDOWN_DEADLINE_MS = 20_000;
const FINAL_STEPS_MIN_MS = 3_000;
/** The process exits by then whatever still runs: within the 30 s most orchestrators wait before SIGKILL. */
export const SHUTDOWN_HARD_LIMIT_MS = 25_000;

export type FinalStep = (deadline: number) => Promise<void>;

interface State {
  installed: boolean;
  draining: boolean;
  inFlight: number;
  servers: Set<Server>;
}

const holder = globalThis as unknown as { __keywardShutdown?: State };
const state: State = (holder.__keywardShutdown ??= { installed: false, draining: false, inFlight: 0, servers: new Set() });

/** True once SIGTERM or SIGINT arrived: /api/health answers 503 so that a load balancer stops sending requests. */
export const isDraining = () => state.draining;

/**
 * A graceful shutdown that loses nothing a client was answered: on SIGTERM (or SIGINT) the server stops
 * accepting connections, waits for the requests in flight, and only then runs `finalSteps` (write the access
 * log, release webhook claims, close the database) before the process exits.
 *
 * Next's own handler closes the HTTP server and calls process.exit() once every connection has ended; the exit is
 * held until the final steps are done. A keep-alive client that keeps sending would hold a connection open
 * forever, so from the signal on every answer says `Connection: close` and idle connections are closed as they
 * appear. The requests are seen through Node's `http.server.request.start` diagnostics channel, which reports
 * the server too, without touching Next's internals.
 */
export function installShutdown(finalSteps: FinalStep): void {
  if (state.installed) return;
  state.installed = true;

  subscribe("http.server.request.start", (message) => {
    const { response, server } = message as { response: ServerResponse; server: Server };
    state.servers.add(server);
    state.inFlight++;
    response.once("close", () => state.inFlight--);
    if (state.draining && !response.headersSent) response.setHeader("Connection", "close");
  });

  const realExit = process.exit.bind(process);
  let finishing: Promise<never> | null = null;
  let signalledAt = 0;

  const finish = (code: number): Promise<never> =>
    (finishing ??= (async () => {
      // Next exits once its server has closed; without Next's handler we wait for the requests ourselves.
      while (state.inFlight > 0 && Date.now() < signalledAt + SHUTDOWN_DEADLINE_MS) await sleep(50);
      const deadline = Math.max(signalledAt + SHUTDOWN_DEADLINE_MS, Date.now() + FINAL_STEPS_MIN_MS);
      try {
        await finalSteps(deadline);
      } catch (error) {
        console.error("[keyward] Shutdown step failed:", error instanceof Error ? error.message : error);
      }
      return realExit(code);
    })());

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      if (state.draining) return;
      state.draining = true;
      signalledAt = Date.now();
      console.info(`[keyward] ${signal}: draining ${state.inFlight} requests in flight, then writing what is queued.`);
      process.exit = ((code?: number) => void finish(code ?? 0)) as typeof process.exit;
      const closeIdle = setInterval(() => {
        for (const server of state.servers) server.closeIdleConnections();
      }, 100);
      closeIdle.unref();
      setTimeout(() => {
        console.error("[keyward] Shutdown did not finish in time; exiting with what is left unwritten.");
        realExit(1);
      }, SHUTDOWN_HARD_LIMIT_MS).unref();
      // Nobody else handles the signal (NEXT_MANUAL_SIG_HANDLE): stop accepting and exit as the signal would have.
      if (process.listenerCount(signal) === 0) {
        for (const server of state.servers) server.close();
        void finish(signal === "SIGTERM" ? 143 : 130);
      }
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
