"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { updateMaxPersonalKeyLifetimeAction } from "@/lib/actions/settings";
import { MAX_PERSONAL_KEY_LIFETIMES, type MaxPersonalKeyLifetimeChoice } from "@/lib/validators/settings";

/** Maximum personal key lifetime: saved on change, like the switches. */
export function MaxLifetimeSetting({ value }: { value: MaxPersonalKeyLifetimeChoice }) {
  const [current, setCurrent] = useState(value);
  const [pending, startTransition] = useTransition();

  function change(next: MaxPersonalKeyLifetimeChoice) {
    const before = current;
    setCurrent(next);
    startTransition(async () => {
      const result = await updateMaxPersonalKeyLifetimeAction({ maxLifetime: next });
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
      <CardContent className="flex items-start justify-between gap-6">
        <div className="grid gap-1">
          <Label htmlFor="setting-max-personal-key-lifetime">Maximum personal key lifetime</Label>
          <p id="setting-max-personal-key-lifetime-description" className="text-sm text-muted-foreground">
            The longest expiry people may choose when they enable or regenerate their personal API key; with a limit,
            No expiry is not offered. Lowering it does not shorten existing keys: API Management flags those that exceed
            it.
          </p>
        </div>
        <NativeSelect
          id="setting-max-personal-key-lifetime"
          value={current}
          disabled={pending}
          aria-describedby="setting-max-personal-key-lifetime-description"
          onChange={(event) => change(event.target.value as MaxPersonalKeyLifetimeChoice)}
        >
          {(Object.keys(MAX_PERSONAL_KEY_LIFETIMES) as MaxPersonalKeyLifetimeChoice[]).map((choice) => (
            <option key={choice} value={choice}>
              {MAX_PERSONAL_KEY_LIFETIMES[choice]}
            </option>
          ))}
        </NativeSelect>
      </CardContent>
    </Card>
  );
}
