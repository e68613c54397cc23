"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTransition, useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signInAction, ssoSignInAction, type SignInFailure } from "@/lib/actions/auth";
import { signInSchema, type SignInInput } from "@/lib/validators/auth";

/** Why a sign-in was throttled, in the person's local time; never whether the e-mail belongs to anyone. */
function throttledMessage(reason: SignInFailure["throttle"], until: Date): string {
  const time = until.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  if (reason === "address") return `Too many failed sign-in attempts from your network. Try again after ${time}.`;
  if (reason === "slowed") {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return `Too many recent failed sign-in attempts for this e-mail. Try again in ${seconds} seconds.`;
  }
  return `Too many failed sign-in attempts. Try again after ${time}.`;
}

export function LoginForm({
  callbackUrl,
  ssoName,
  ssoError,
}: {
  callbackUrl?: string;
  ssoName: string | null;
  ssoError?: string;
}) {
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | undefined>(ssoError);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "", callbackUrl },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await signInAction(values);
      if (result.retryAt) {
        setFormError(throttledMessage(result.throttle, new Date(result.retryAt)));
      } else {
        setFormError(result.message);
      }
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (field === "email" || field === "password") {
          form.setError(field, { type: "server", message: messages?.[0] }, { shouldFocus: true });
        }
      }
      form.resetField("password");
    });
  });

  return (
    <div className="grid gap-4">
      <form method="post" onSubmit={onSubmit} noValidate className="grid gap-4" aria-describedby={formError ? "login-error" : undefined}>
        <Field label="Email" id="email" error={errors.email?.message}>
          <Input type="email" autoComplete="username" autoFocus {...form.register("email")} />
        </Field>
        <Field label="Password" id="password" error={errors.password?.message}>
          <Input type="password" autoComplete="current-password" {...form.register("password")} />
        </Field>
        {formError ? (
          <p id="login-error" role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {formError}
          </p>
        ) : null}
        <Button type="submit" pending={pending} pendingLabel="Signing in…">
          Sign in
        </Button>
      </form>
      {ssoName ? (
        <form action={ssoSignInAction.bind(null, callbackUrl)}>
          <Button type="submit" variant="outline" className="w-full">
            Sign in with {ssoName}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
