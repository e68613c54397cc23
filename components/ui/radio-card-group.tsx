"use client";

import { useId } from "react";
import { RadioCard } from "@/components/ui/radio-card";

export interface RadioCardOption<T extends string> {
  value: T;
  label: React.ReactNode;
  hint?: React.ReactNode;
}

/** A controlled set of radio cards with one name; the group's legend is the caller's (a fieldset). */
export function RadioCardGroup<T extends string>({
  value,
  onChange,
  options,
  className,
}: {
  value: T;
  onChange: (value: T) => void;
  options: RadioCardOption<T>[];
  className?: string;
}) {
  const groupId = useId();
  return (
    <div className={className}>
      {options.map((option) => (
        <RadioCard
          key={option.value}
          id={`${groupId}-${option.value}`}
          name={groupId}
          value={option.value}
          checked={value === option.value}
          onChange={() => onChange(option.value)}
          label={option.label}
          hint={option.hint}
        />
      ))}
    </div>
  );
}
