"use client";

import { DateTime } from "@/components/date-time";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";

interface AuditEventView {
  id: string;
  createdAt: string;
  action: string;
  actor: string;
  target: string;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
}

/** A drawer with everything recorded about one event, metadata included. */
export function AuditEventDetails({ description, event }: { description: string; event: AuditEventView }) {
  const rows: [string, React.ReactNode][] = [
    ["Time", <DateTime key="t" value={event.createdAt} />],
    ["Action", <code key="a">{event.action}</code>],
    ["Actor", event.actor],
    ["Target", event.target],
    ["IP address", event.ip ?? "—"],
    ["User agent", event.userAgent ?? "—"],
    ["Event id", <code key="i">{event.id}</code>],
  ];
  return (
    <Sheet>
      <SheetTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Details: ${description}`}>
          Details
        </Button>
      </SheetTrigger>
      <SheetContent className="overflow-y-auto sm:max-w-lg">
        <SheetHeader>
          <SheetTitle>Event details</SheetTitle>
          <SheetDescription>{description}</SheetDescription>
        </SheetHeader>
        <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2 px-4 text-sm">
          {rows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-muted-foreground">{term}</dt>
              <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="grid gap-1.5 px-4 pb-4">
          <h3 className="text-sm font-medium">Metadata</h3>
          <pre className="rounded-md bg-muted p-3 text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">{JSON.stringify(event.metadata, null, 2)}</pre>
        </div>
      </SheetContent>
    </Sheet>
  );
}
