"use client";

import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { API_POLICIES, type ApiPolicy } from "@/lib/api-auth/policies";

export const WRITE_POLICIES_REASON =
  "Write policies are turned off. An Administrator can allow them in Administration → Settings.";

interface PolicyPickerProps {
  value: ApiPolicy[];
  onChange: (policies: ApiPolicy[]) => void;
  allowWritePolicies: boolean;
  error?: string;
  /** Shown under the field, e.g. "At least one policy is required for a linked key." */
  hint?: string;
  disabled?: boolean;
}

/**
 * The Policies field: the chosen policies as badges, and a modal listing the catalogue (name and description)
 * where they are chosen. Write policies are disabled checkboxes, with the reason, while the setting is off.
 */
export function PolicyPicker({ value, onChange, allowWritePolicies, error, hint, disabled }: PolicyPickerProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ApiPolicy[]>(value);
  const id = useId();

  function openModal() {
    setDraft(value);
    setOpen(true);
  }

  return (
    <fieldset className="grid gap-2" aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined}>
      <legend className="mb-2 text-sm leading-none font-medium">Policies</legend>
      <div className="flex flex-wrap items-center gap-1.5" aria-label="Chosen policies" role="list">
        {value.length === 0 ? (
          <span role="listitem" className="text-sm text-muted-foreground">
            No policy chosen
          </span>
        ) : (
          value.map((policy) => (
            <Badge role="listitem" key={policy} className="font-mono">
              {policy}
            </Badge>
          ))
        )}
      </div>
      <Button type="button" variant="outline" size="sm" className="w-fit" onClick={openModal} disabled={disabled}>
        Choose policies
      </Button>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>Choose policies</DialogTitle>
            <DialogDescription>A policy allows a part of the API. A key may have none.</DialogDescription>
          </DialogHeader>
          {!allowWritePolicies ? (
            <p id={`${id}-write-reason`} className="rounded-md bg-muted px-3 py-2 text-sm">
              {WRITE_POLICIES_REASON}
            </p>
          ) : null}
          <div className="grid gap-3">
            {API_POLICIES.map((policy) => {
              const restricted = policy.write && !allowWritePolicies;
              const boxId = `${id}-${policy.name}`;
              return (
                <div key={policy.name} className="flex items-start gap-3">
                  <Checkbox
                    id={boxId}
                    checked={draft.includes(policy.name)}
                    disabled={restricted}
                    aria-describedby={`${boxId}-description${restricted ? ` ${id}-write-reason` : ""}`}
                    onCheckedChange={(checked) =>
                      setDraft((current) =>
                        checked ? [...current, policy.name] : current.filter((p) => p !== policy.name),
                      )
                    }
                  />
                  <div className="grid gap-0.5">
                    <Label htmlFor={boxId} className="font-mono">
                      {policy.name}
                    </Label>
                    <p id={`${boxId}-description`} className="text-xs text-muted-foreground">
                      {policy.description}
                      {restricted ? " (restricted: write policies are off)" : ""}
                    </p>
                  </div>
                </div>
              );
            })}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="button"
              onClick={() => {
                onChange(API_POLICIES.map((p) => p.name).filter((p) => draft.includes(p)));
                setOpen(false);
              }}
            >
              Confirm policies
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </fieldset>
  );
}
