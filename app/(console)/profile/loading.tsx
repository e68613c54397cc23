import { Skeleton } from "@/components/ui/skeleton";

// Only under Profile: a loading boundary above an Administration page would send 200 before its 403.
export default function Loading() {
  return (
    <div className="grid gap-4" role="status" aria-label="Loading">
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-40 w-full max-w-2xl" />
    </div>
  );
}
