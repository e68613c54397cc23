"use client";

import * as React from "react";
import { CheckIcon, CopyIcon } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";

type CopyButtonProps = Omit<React.ComponentProps<typeof Button>, "value" | "onClick" | "children"> & {
  value: string;
  /** Accessible name, e.g. "Copy client id". */
  label: string;
  onCopied?: () => void;
};

function CopyButton({
  value,
  label,
  onCopied,
  variant = "outline",
  size = "icon",
  className,
  ...props
}: CopyButtonProps) {
  const [copied, setCopied] = React.useState(false);
  const timer = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  React.useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      toast.error("Could not copy to the clipboard");
      return;
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 2000);
    toast.success("Copied");
    onCopied?.();
  }

  return (
    <Button
      type="button"
      variant={variant}
      size={size}
      aria-label={label}
      title={label}
      data-slot="copy-button"
      data-copied={copied ? "true" : undefined}
      className={className}
      onClick={copy}
      {...props}
    >
      {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
    </Button>
  );
}

export { CopyButton };
export type { CopyButtonProps };
