"use client";

import { TriangleAlert } from "lucide-react";
import type { SecretRevealProps } from "@/components/secrets/secret-reveal-dialog";
import { RevealAfterActionDialog } from "@/components/secrets/reveal-after-action-dialog";
import { generateCompanyCredentialsAction, type GeneratedCredentials } from "@/lib/actions/company-credentials";

export interface GenerateCredentialsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** How the new pair, secret included, is shown once in this same dialog. */
  reveal: (credentials: GeneratedCredentials) => SecretRevealProps;
}

/** Explains the credentials, generates them, and shows them in the same pop-up window. */
export function GenerateCredentialsDialog({ open, onOpenChange, reveal }: GenerateCredentialsDialogProps) {
  return (
    <RevealAfterActionDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Generate API credentials"
      description={
        <>
          Your company&apos;s software exchanges a client id and client secret for short-lived access tokens (OAuth 2.0
          client credentials) and uses those tokens to call the Keyward API on the company&apos;s behalf.
        </>
      }
      confirmLabel="Generate API credentials"
      // A company has one pair at a time: when another Office Lead was first, the page now shows their pair and
      // generating again could only fail the same way.
      retryable={false}
      onConfirm={generateCompanyCredentialsAction}
      reveal={reveal}
    >
      <p className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          The client secret is shown once, right after it is generated. Lost credentials cannot be recovered: you
          would roll the client secret, or delete them and generate new ones, which breaks every connection that uses
          them.
        </span>
      </p>
    </RevealAfterActionDialog>
  );
}
