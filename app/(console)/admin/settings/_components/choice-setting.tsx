"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/errors";

/** One setting chosen from a list (Maximum personal key lifetime, Keep access logs for): saved on change, like the switches. */
export function ChoiceSetting({
  id,
  label,
  description,
  choices,
  value,
  field,
  save,
}: {
  id: string;
  label: string;
  description: string;
  choices: Record<string, string>;
  value: string;
  /** The action's input property that carries the choice. */
  field: string;
  save: (input: Record<string, string>) => Promise<ActionResult<unknown>>;
}) {
  const [current, setCurrent] = useState(value);
  const [pending, startTransition] = useTransition();

  function change(next: string) {
    const before = current;
    setCurrent(next);
    startTransition(async () => {
      const result = await save({ [field]: next });
      if (result.ok) {
        toast.success("Settings saved");
      } else {
        setCurrent(before);
        toast.error(result.message);
      }
    });
  }

  return (
    <Card>
      {/* The select keeps its width beside a long description, and goes below it on a phone. */}
      <CardContent className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
        <div className="grid gap-1">
          <Label htmlFor={id}>{label}</Label>
          <p id={`${id}-description`} className="text-sm text-muted-foreground">
            {description}
          </p>
        </div>
        <NativeSelect
          id={id}
          className="shrink-0 self-start"
          value={current}
          disabled={pending}
          aria-describedby={`${id}-description`}
          onChange={(event) => change(event.target.value)}
        >
          {Object.entries(choices).map(([choice, text]) => (
            <option key={choice} value={choice}>
              {text}
            </option>
          ))}
        </NativeSelect>
      </CardContent>
    </Card>
  );
}
