"use client";

import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from "react";
import type { UsageBarDatum } from "./usage-bars-chart";

// A chart that cannot load leaves its frame empty: the summary and the table beside it carry the same figures.
const UsageBarsChart = lazy<ComponentType<{ data: UsageBarDatum[] }>>(() =>
  import("./usage-bars-chart").catch(() => ({ default: () => null })),
);

/**
 * The usage chart's frame, its height reserved so nothing moves when the bars arrive. Recharts is the heaviest script
 * of any console page, so it loads only once the frame comes near the viewport, after the page itself. The drawing is
 * hidden from assistive technology: the summary and the table beside it say the same in words.
 */
export function UsageBars({ data }: { data: UsageBarDatum[] }) {
  const frame = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = frame.current;
    if (!element || near) return;
    const observer = new IntersectionObserver((entries) => setNear(entries.some((entry) => entry.isIntersecting)), {
      rootMargin: "200px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return (
    <div ref={frame} aria-hidden="true" className="h-48 w-full min-w-0">
      {near ? (
        <Suspense fallback={null}>
          <UsageBarsChart data={data} />
        </Suspense>
      ) : null}
    </div>
  );
}
