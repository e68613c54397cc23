"use client";

import { SecretRevealDialog } from "@/components/secrets/secret-reveal-dialog";
import { secretFileText } from "@/components/secrets/secret-file";
import { useConsoleOrigin } from "@/components/shell/console-origin";
import type { RevealedCode } from "@/lib/actions/api-keys";

/** Shows a new access code once, with its key's id, through the product's one secret dialog. */
export function AccessCodeRevealDialog({
  revealed,
  organization,
  onClose,
}: {
  revealed: RevealedCode | null;
  organization: string;
  onClose: () => void;
}) {
  const origin = useConsoleOrigin();
  if (!revealed) return null;
  const values = [
    { label: "API key ID", value: revealed.keyId },
    { label: "Access code", value: revealed.secret, secret: true },
  ];
  return (
    <SecretRevealDialog
      open
      docs="access-codes"
      onOpenChange={(open) => !open && onClose()}
      title={`Access code for ${revealed.keyName}`}
      description={`Valid until ${new Date(revealed.expiresAt).toUTCString()}. Send it in the X-API-Key header of each request.`}
      warning="Lost access codes cannot be recovered."
      values={values}
      download={{
        filename: `keyward-access-code-${revealed.prefix.replace(/[^A-Za-z0-9_]/g, "")}.txt`,
        content: secretFileText({
          title: `access code for the API key "${revealed.keyName}"`,
          organization,
          values: [...values, { label: "Expires", value: revealed.expiresAt }],
          createdAt: new Date(),
          usage: [
            "Header:  X-API-Key: <access code>",
            "Or:      Authorization: Bearer <access code>",
            `Example: curl -H 'X-API-Key: <access code>' ${origin}/api/v1/me`,
          ],
        }),
      }}
    />
  );
}
