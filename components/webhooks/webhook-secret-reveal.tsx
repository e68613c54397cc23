import { DateTime } from "@/components/date-time";
import { secretFileText } from "@/components/secrets/secret-file";
import type { SecretRevealProps } from "@/components/secrets/secret-reveal-dialog";
import type { RevealedWebhookSecret } from "@/lib/actions/webhooks";

/** What the secret reveal dialog shows of a webhook's signing secret, just made by adding the webhook or rolling it. */
export function webhookSecretReveal(organization: string, made: RevealedWebhookSecret): SecretRevealProps {
  return {
    docs: "reference-heading",
    title: "Webhook signing secret",
    description: (
      <>
        Verify each delivery to {made.url} with this secret (Standard Webhooks signatures).
        {made.previousSecretExpiresAt ? (
          <>
            {" "}
            The previous secret keeps signing beside it until <DateTime value={made.previousSecretExpiresAt} />.
          </>
        ) : null}
      </>
    ),
    warning: "Lost signing secrets cannot be recovered; roll the signing secret to get a new one.",
    values: [{ label: "Signing secret", value: made.secret, secret: true, copyLabel: "Copy signing secret" }],
    download: {
      filename: "keyward-webhook-signing-secret.txt",
      content: secretFileText({
        title: "Webhook signing secret",
        organization,
        values: [
          { label: "Webhook URL", value: made.url },
          { label: "Signing secret", value: made.secret },
        ],
        createdAt: new Date(made.createdAt),
        usage: [
          "Each delivery carries the headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64>; while a rolled secret still signs, one signature per secret, space-separated).",
          "Verify them with a Standard Webhooks library, e.g. new Webhook(secret).verify(body, headers).",
        ],
      }),
    },
  };
}
