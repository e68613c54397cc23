"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { USAGE_RANGES, type UsageRange } from "@/lib/validators/usage";

/** 24 hours / 30 days as two toggle buttons; the choice lives in the URL (`usage`), beside the page's own filters. */
export function UsageRangeSwitch({ range }: { range: UsageRange }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();

  function choose(next: UsageRange) {
    const params = new URLSearchParams(search.toString());
    params.set("usage", next);
    startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
  }

  return (
    <div role="group" aria-label="Usage range" aria-busy={pending} className="inline-flex gap-1 rounded-lg bg-muted p-[3px]">
      {(Object.keys(USAGE_RANGES) as UsageRange[]).map((choice) => (
        <Button
          key={choice}
          type="button"
          size="sm"
          variant={choice === range ? "outline" : "ghost"}
          aria-pressed={choice === range}
          onClick={() => choice !== range && choose(choice)}
        >
          {USAGE_RANGES[choice].label}
        </Button>
      ))}
    </div>
  );
}
