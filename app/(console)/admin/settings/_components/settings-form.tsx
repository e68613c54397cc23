"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { updateSettingAction } from "@/lib/actions/settings";
import type { SettingName, Settings } from "@/lib/validators/settings";

const SETTINGS: { field: SettingName; label: string; description: string }[] = [
  {
    field: "allowWritePolicies",
    label: "Allow write policies",
    description:
      "Lets API keys hold users:write, keys:write, webhooks:write and native, and personal API keys use their person's users:write and keys:write. While off, those policies are greyed out and refused, and keys that hold them act without them. Personal keys keep webhooks:write: it manages their own person's webhooks, as everyone may in the console.",
  },
  {
    field: "allowQueryStringKeys",
    label: "Allow keys in query strings",
    description:
      "Accepts access codes in the apiKey and key query parameters. URLs end up in proxy and server logs: turn this off to require the X-API-Key header or another transport.",
  },
  {
    field: "allowPersonalApiKeys",
    label: "Allow personal API keys",
    description: "Lets people enable their own personal API key under Profile → API Access.",
  },
];

/** The three switches; each change saves that switch alone, through one audited action. */
export function SettingsForm({ settings }: { settings: Settings }) {
  const [values, setValues] = useState(settings);
  const [pending, startTransition] = useTransition();

  function change(field: SettingName, checked: boolean) {
    setValues((current) => ({ ...current, [field]: checked }));
    startTransition(async () => {
      const result = await updateSettingAction({ setting: field, enabled: checked });
      if (result.ok) {
        toast.success("Settings saved");
      } else {
        setValues((current) => ({ ...current, [field]: !checked }));
        toast.error(result.message);
      }
    });
  }

  return (
    <Card>
      <CardContent className="grid gap-6">
        {SETTINGS.map(({ field, label, description }) => (
          <div key={field} className="flex items-start justify-between gap-6">
            <div className="grid gap-1">
              <Label htmlFor={`setting-${field}`}>{label}</Label>
              <p id={`setting-${field}-description`} className="text-sm text-muted-foreground">
                {description}
              </p>
            </div>
            <Switch
              id={`setting-${field}`}
              checked={values[field]}
              disabled={pending}
              aria-describedby={`setting-${field}-description`}
              onCheckedChange={(checked) => change(field, checked)}
            />
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
