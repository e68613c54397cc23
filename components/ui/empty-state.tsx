import * as React from "react";
import { Inbox } from "lucide-react";

import { cn } from "@/lib/utils";

type EmptyStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Call to action (e.g. a Button); `children` is rendered after it. */
  action?: React.ReactNode;
};

/** An empty list's place: an icon (an empty tray unless the caller names a better one), what is missing, what to do. */
function EmptyState({
  icon = <Inbox />,
  title,
  description,
  action,
  className,
  children,
  ...props
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed p-8 text-center",
        className,
      )}
      {...props}
    >
      <div
        aria-hidden="true"
        className="flex size-10 items-center justify-center rounded-full bg-accent text-primary [&_svg]:size-5"
      >
        {icon}
      </div>
      <div className="flex flex-col gap-1">
        <h2 className="text-base font-semibold">{title}</h2>
        {description ? (
          <p className="max-w-sm text-sm text-muted-foreground">{description}</p>
        ) : null}
      </div>
      {action ? <div className="mt-2">{action}</div> : null}
      {children}
    </div>
  );
}

export { EmptyState };
export type { EmptyStateProps };
