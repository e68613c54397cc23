import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { getActor, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { personAuthor, type Author } from "@/lib/author";
import { forbiddenResult, fromFailure, invalid, success, unexpected, type ActionResult } from "@/lib/errors";
import { requestMeta, type RequestMeta } from "@/lib/request-meta";
import type { Result } from "@/lib/result";

export interface ActionContext<I> {
  input: I;
  actor: Actor;
  author: Author;
  db: Db;
  meta: RequestMeta;
}

interface ActionSpec<S extends z.ZodType, T> {
  /** The shared schema the form also validates with; the browser's payload is never trusted. */
  input?: S;
  /** The person must hold one of these now, as the database says, whatever the page showed. */
  permission: Permission | readonly Permission[];
  /** Why a person without the permission is refused, naming who may do it. */
  forbidden: string;
  /** Calls the service; its value is what the browser receives. */
  run: (context: ActionContext<z.output<S>>) => Promise<Result<T>>;
  /** Pages to refresh once the service has answered, whether it changed something or found it already changed. */
  revalidate?: (input: z.output<S>) => void;
}

const NO_INPUT = z.unknown().transform(() => undefined);

/**
 * The one shape of a server action: parse with the shared schema, re-check the permission against the database,
 * run the service, refresh pages, and answer an `ActionResult`. Every export of a "use server" file is a public
 * endpoint that anyone can call with any payload, hence each step. Unexpected errors are logged here and answered
 * with a generic message, never their own.
 */
export function defineAction<T, S extends z.ZodType = typeof NO_INPUT>(spec: ActionSpec<S, T>) {
  const schema = spec.input ?? NO_INPUT;
  const permissions: readonly Permission[] = typeof spec.permission === "string" ? [spec.permission] : spec.permission;
  return async (raw?: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    const input = parsed.data as z.output<S>;
    const actor = await getActor();
    if (!actor || !permissions.some((p) => actor.permissions.includes(p))) return forbiddenResult(spec.forbidden);
    let outcome: Result<T>;
    try {
      outcome = await spec.run({ input, actor, author: personAuthor(actor), db: await getDb(), meta: requestMeta(await headers()) });
    } catch (error) {
      return unexpected(error, `server action (${permissions.join(" or ")})`);
    }
    spec.revalidate?.(input);
    return outcome.ok ? success(outcome.value) : fromFailure(outcome);
  };
}
