import "server-only";

/**
 * The client's address: the first hop of X-Forwarded-For (set by Next's server or by the load balancer in front
 * of it), then X-Real-IP. Used for audit and rate limits, never for authorisation.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export function requestMeta(headers: Headers): RequestMeta {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}
