"use client";

import { RadioCardGroup } from "@/components/ui/radio-card-group";
import { ROLL_GRACE_CHOICES, ROLL_GRACE_PERIODS, type RollGracePeriod } from "@/lib/validators/roll-grace";

/** How long a rolled secret keeps working, as every roll dialog asks it: a fieldset of radio cards. */
export function GracePeriodChoice({
  legend,
  hints,
  value,
  onChange,
}: {
  legend: string;
  /** What each choice is for, in the words of the secret being rolled. */
  hints: Record<RollGracePeriod, string>;
  value: RollGracePeriod;
  onChange: (value: RollGracePeriod) => void;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <RadioCardGroup
        className="grid gap-2"
        value={value}
        onChange={onChange}
        options={ROLL_GRACE_CHOICES.map((choice) => ({ value: choice, label: ROLL_GRACE_PERIODS[choice].label, hint: hints[choice] }))}
      />
    </fieldset>
  );
}
