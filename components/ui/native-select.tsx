import { ChevronDownIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * The console's one select: a real `<select>` (automation picks options with selectOption, screen readers and
 * phones get the platform's own list) drawn like the text inputs, with the browser's arrow replaced by a chevron.
 * `className` sizes the control as a whole (e.g. `w-full min-w-0` in a filter bar).
 */
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <span data-slot="native-select-wrapper" className={cn("relative inline-flex", className)}>
      <select
        data-slot="native-select"
        className={cn(
          "h-9 w-full min-w-0 appearance-none truncate rounded-md border border-input bg-background py-1 pr-9 pl-3 text-base text-foreground shadow-xs transition-[color,box-shadow] outline-none md:text-sm",
          "focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background",
          "disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive aria-invalid:ring-destructive/20",
        )}
        {...props}
      />
      <ChevronDownIcon
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </span>
  );
}
