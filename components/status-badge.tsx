import { Badge } from "@/components/ui/badge";
import { STATUS_TONES, type StatusWord } from "@/lib/ui/status-tones";

/** A state word in the tone it has everywhere in the console. */
export function StatusBadge({ state, className, title }: { state: StatusWord; className?: string; title?: string }) {
  return (
    <Badge tone={STATUS_TONES[state]} className={className} title={title}>
      {state}
    </Badge>
  );
}
