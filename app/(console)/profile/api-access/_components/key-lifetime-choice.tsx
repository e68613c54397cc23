"use client";

import { RadioCardGroup } from "@/components/ui/radio-card-group";
import {
  PERSONAL_KEY_LIFETIME_LABELS,
  PERSONAL_KEY_LIFETIMES,
  lifetimeAllowed,
  type PersonalKeyLifetime,
} from "@/lib/personal-key-lifetimes";

interface KeyLifetimeChoiceProps {
  value: PersonalKeyLifetime;
  onChange: (value: PersonalKeyLifetime) => void;
  /** The organisation's Maximum personal key lifetime; null is No limit. */
  maxDays: number | null;
}

/** How long the next key lasts: only the lifetimes the organisation allows are offered. */
export function KeyLifetimeChoice({ value, onChange, maxDays }: KeyLifetimeChoiceProps) {
  const offered = PERSONAL_KEY_LIFETIMES.filter((lifetime) => lifetimeAllowed(lifetime, maxDays));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">The key expires after</legend>
      <RadioCardGroup
        className="grid grid-cols-2 gap-2 sm:grid-cols-4"
        value={value}
        onChange={onChange}
        options={[...offered].reverse().map((lifetime) => ({ value: lifetime, label: PERSONAL_KEY_LIFETIME_LABELS[lifetime] }))}
      />
      {maxDays !== null ? (
        <p className="text-sm text-muted-foreground">Your organisation allows personal API keys of at most {maxDays} days.</p>
      ) : null}
    </fieldset>
  );
}
