"use client";

import { CopyButton } from "@/components/ui/copy-button";

const HEAD = 10;
const TAIL = 4;

/**
 * A long identifier shortened for the eye, whole for assistive technology, find-in-page and the tooltip, with a copy
 * button that copies the whole value.
 */
export function IdChip({ value, name }: { value: string; /** What the value is, e.g. "key ID". */ name: string }) {
  const short = value.length > HEAD + TAIL + 1 ? `${value.slice(0, HEAD)}…${value.slice(-TAIL)}` : value;
  return (
    <span className="inline-flex items-center gap-0.5 rounded-md border bg-muted/50 pl-1.5 font-mono text-xs">
      <span aria-hidden title={value}>
        {short}
      </span>
      <span className="sr-only">{value}</span>
      <CopyButton value={value} label={`Copy ${name} ${value}`} variant="ghost" className="size-6" />
    </span>
  );
}
