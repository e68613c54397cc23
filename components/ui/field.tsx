import * as React from "react";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

type FieldControlProps = {
  id?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
  "aria-describedby"?: string;
};

type FieldProps = {
  /** Visible label text; becomes the control's accessible name. */
  label: React.ReactNode;
  /** Id given to the control; also the prefix for the description/error ids. */
  id: string;
  error?: string;
  description?: React.ReactNode;
  className?: string;
  /** A single form control (Input, Textarea, Select trigger, ...). */
  children: React.ReactElement<FieldControlProps>;
};

function Field({ label, id, error, description, className, children }: FieldProps) {
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy =
    [children.props["aria-describedby"], descriptionId, errorId].filter(Boolean).join(" ") ||
    undefined;

  const control = React.cloneElement(children, {
    id,
    "aria-invalid": error ? true : children.props["aria-invalid"],
    "aria-describedby": describedBy,
  });

  return (
    <div data-slot="field" className={cn("grid gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      {control}
      {description ? (
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { Field };
export type { FieldProps };
