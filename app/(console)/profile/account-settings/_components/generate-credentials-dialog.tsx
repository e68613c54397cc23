"use client";

import { TriangleAlert } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { generateCompanyCredentialsAction, type GeneratedCredentials } from "@/lib/actions/company-credentials";

interface GenerateCredentialsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Receives the new pair, secret included, to show it once in the secret reveal dialog. */
  onGenerated: (credentials: GeneratedCredentials) => void;
}

export function GenerateCredentialsDialog({ open, onOpenChange, onGenerated }: GenerateCredentialsDialogProps) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  function changeOpen(next: boolean) {
    if (pending) return;
    setError(undefined);
    onOpenChange(next);
  }

  function generate() {
    setError(undefined);
    startTransition(async () => {
      const result = await generateCompanyCredentialsAction();
      if (result.ok) {
        onOpenChange(false);
        onGenerated(result.data);
        return;
      }
      setError(result.message);
    });
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        onEscapeKeyDown={(event) => pending && event.preventDefault()}
        onInteractOutside={(event) => pending && event.preventDefault()}
      >
        <DialogHeader>
          <DialogTitle>Generate API credentials</DialogTitle>
          <DialogDescription>
            Your company&apos;s software exchanges a client id and client secret for short-lived access tokens
            (OAuth 2.0 client credentials) and uses those tokens to call the Keyward API on the company&apos;s behalf.
          </DialogDescription>
        </DialogHeader>
        <p className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            The client secret is shown once, right after it is generated. Lost credentials cannot be recovered: you
            would have to delete them and generate new ones, which breaks every connection that uses them.
          </span>
        </p>
        {error ? (
          <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => changeOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="button" onClick={generate} disabled={pending || Boolean(error)}>
            Generate API credentials
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
