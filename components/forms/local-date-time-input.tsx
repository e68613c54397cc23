"use client";

import { useEffect, useRef } from "react";
import { Input } from "@/components/ui/input";
import { localInputToInstant, localInputValue } from "@/lib/local-time";

/**
 * A date-and-time filter field for a GET form, read in the browser's time zone: a `datetime-local` value has no
 * zone and the server runs in UTC, so when the form is submitted the field's value is replaced by an ISO instant
 * with the browser's offset. It is read from the field at that moment, so what was typed before the page became
 * interactive counts too; without JavaScript the plain value is sent and counts as UTC.
 */
export function LocalDateTimeInput({ id, name, value }: { id: string; name: string; value?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const served = value ? value.slice(0, 16) : "";
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    // The server could only show the URL's value as written; show it in the browser's time, unless already edited.
    if (value && input.value === served) input.value = localInputValue(new Date(value));
    const form = input.form;
    if (!form) return;
    const toInstant = (event: FormDataEvent) => {
      const instant = localInputToInstant(input.value);
      if (instant) event.formData.set(name, instant);
      else event.formData.delete(name);
    };
    form.addEventListener("formdata", toInstant);
    return () => form.removeEventListener("formdata", toInstant);
  }, [name, value, served]);
  return <Input ref={ref} id={id} name={name} type="datetime-local" defaultValue={served} />;
}
