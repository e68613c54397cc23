"use client";

import { Download, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { ApiDocsLink, type ApiDocsSection } from "@/components/docs/api-docs-link";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export interface RevealedValue {
  /** The read-only field's label, e.g. "Client secret": its accessible name, by which people and tests find it. */
  label: string;
  value: string;
  /** The copy button's name; defaults to "Copy <label>". */
  copyLabel?: string;
  /** Whether copying this value counts as having kept the secret. */
  secret?: boolean;
}

export interface SecretRevealProps {
  title: string;
  description?: React.ReactNode;
  warning?: string;
  values: RevealedValue[];
  download: { filename: string; content: string };
  /** The section of the API documentation that explains how to use what is shown. */
  docs: ApiDocsSection;
}

export interface SecretRevealDialogProps extends SecretRevealProps {
  open: boolean;
  /** Called with false once the person is done (never by Escape or a click outside). */
  onOpenChange: (open: boolean) => void;
}

/**
 * The product's one dialog for showing a secret, used by every flow. The secret exists only in this component's
 * props: it was never stored, and closing the dialog drops it. Done asks once more if it was neither copied nor
 * downloaded.
 */
export function SecretRevealDialog({ open, onOpenChange, ...reveal }: SecretRevealDialogProps) {
  return (
    <Dialog open={open}>
      <DialogContent showCloseButton={false} {...KEEP_OPEN} className="sm:max-w-xl">
        <SecretReveal {...reveal} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

/** Escape and a click outside would drop the secret unseen: only Done closes a dialog that shows one. */
export const KEEP_OPEN = {
  onEscapeKeyDown: (event: Event) => event.preventDefault(),
  onInteractOutside: (event: Event) => event.preventDefault(),
};

/**
 * What the secret reveal dialog shows, for a dialog that shows the secret in place of what it asked before (the
 * dialog that generates it). `onDone` runs once the person is done with the secret.
 */
export function SecretReveal({
  title,
  description,
  warning = "Lost credentials cannot be recovered.",
  values,
  download,
  docs,
  onDone,
}: SecretRevealProps & { onDone: () => void }) {
  const [kept, setKept] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const baseId = useId();

  function done() {
    if (kept || confirming) onDone();
    else setConfirming(true);
  }

  function saveFile() {
    const url = URL.createObjectURL(new Blob([download.content], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = download.filename;
    link.click();
    URL.revokeObjectURL(url);
    setKept(true);
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        {description ? <DialogDescription>{description}</DialogDescription> : null}
      </DialogHeader>
      <p className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          {warning} Copy or download {values.filter((v) => v.secret).length > 1 ? "them" : "it"} now: it will not
          be shown again.
        </span>
      </p>
      <div className="grid gap-4">
        {values.map((item, index) => {
          const id = `${baseId}-${index}`;
          return (
            <div key={item.label} className="grid gap-1.5">
              <Label htmlFor={id}>{item.label}</Label>
              <div className="flex gap-2">
                <Input id={id} readOnly value={item.value} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
                <CopyButton
                  value={item.value}
                  label={item.copyLabel ?? `Copy ${item.label.toLowerCase()}`}
                  onCopied={() => item.secret && setKept(true)}
                />
              </div>
            </div>
          );
        })}
      </div>
      <p className="text-sm text-muted-foreground">
        <ApiDocsLink section={docs} /> explains how to use {values.filter((v) => v.secret).length > 1 ? "them" : "it"}.
      </p>
      {confirming ? (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
          You will not be able to see this secret again. You have neither copied nor downloaded it. Click Done again
          to close anyway.
        </p>
      ) : null}
      <DialogFooter className="gap-2 sm:justify-between">
        <Button type="button" variant="outline" onClick={saveFile}>
          <Download aria-hidden className="size-4" />
          Download .txt
        </Button>
        <Button type="button" onClick={done}>
          Done
        </Button>
      </DialogFooter>
    </>
  );
}
