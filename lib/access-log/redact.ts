/** What replaces a credential or secret in the access log. */
export const REDACTED = "[REDACTED]";
/** Bodies are kept up to this many characters (16 KiB), after redaction. */
export const MAX_LOGGED_BODY = 16 * 1024;

/** Query parameters and JSON/form fields whose values are credentials or secrets, whatever their value looks like. */
const SECRET_NAME =
  /^(api_?key|key|x-api-key|access_?code|secret|client_?secret|password|passwd|token|access_?token|refresh_?token|authorization|signing_?secret|customvalue)$/i;
/** Keyward's own secret formats, wherever they appear (a secret pasted into a description, say). */
const SECRET_VALUE = /\b(kw(?:cs|at|ak|pk)_[A-Za-z0-9]{20,}|whsec_[A-Za-z0-9+/=]{16,})/g;

export const isSecretName = (name: string) => SECRET_NAME.test(name) || /secret|password/i.test(name);

export function redactText(text: string): string {
  return text.replace(SECRET_VALUE, REDACTED);
}

/** `path?query` with the values of credential parameters (`apiKey`, `key`, …) replaced. */
export function redactPath(url: string | URL): string {
  const parsed = typeof url === "string" ? new URL(url, "http://localhost") : url;
  if (!parsed.search) return parsed.pathname;
  const parts = parsed.search
    .slice(1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // A malformed escape: judge the raw name.
      }
      if (eq >= 0 && isSecretName(name)) return `${rawName}=${REDACTED}`;
      return redactText(pair);
    });
  return `${parsed.pathname}?${parts.join("&")}`;
}

function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecretName(k) && v != null && v !== "" ? REDACTED : redactValue(v)]),
    );
  }
  return value;
}

/**
 * A body as the access log keeps it: credentials and secrets redacted (JSON by field name, forms by parameter
 * name, anything else by Keyward's secret formats), then cut to 16 KiB.
 */
export function redactBody(body: string, contentType: string | null): string {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  let out: string;
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      out = JSON.stringify(redactValue(JSON.parse(body)));
    } catch {
      out = redactText(body);
    }
  } else if (type === "application/x-www-form-urlencoded") {
    out = redactPath(`/?${body}`).replace(/^\/\??/, "");
  } else {
    out = redactText(body);
  }
  return out.length > MAX_LOGGED_BODY ? `${out.slice(0, MAX_LOGGED_BODY)}… [truncated]` : out;
}
