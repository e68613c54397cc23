"use client";

import { useId } from "react";
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
  const groupId = useId();
  const offered = PERSONAL_KEY_LIFETIMES.filter((lifetime) => lifetimeAllowed(lifetime, maxDays));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">The key expires after</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {[...offered].reverse().map((lifetime) => (
          <div key={lifetime} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              id={`${groupId}-${lifetime}`}
              name={`${groupId}-lifetime`}
              value={lifetime}
              checked={value === lifetime}
              onChange={() => onChange(lifetime)}
            />
            <label htmlFor={`${groupId}-${lifetime}`}>{PERSONAL_KEY_LIFETIME_LABELS[lifetime]}</label>
          </div>
        ))}
      </div>
      {maxDays !== null ? (
        <p className="text-sm text-muted-foreground">Your organisation allows personal API keys of at most {maxDays} days.</p>
      ) : null}
    </fieldset>
  );
}
