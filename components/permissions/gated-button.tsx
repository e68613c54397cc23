import Link from "next/link";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { peopleWithRoleHref, ROLE_PLURALS, type Role } from "@/lib/auth/roles";

type GatedButtonProps = React.ComponentProps<typeof Button> & {
  /** Whether the person may use it; the server action checks again regardless. */
  allowed: boolean;
  /** Shown next to the disabled button, e.g. "You must be an Office Lead to generate API credentials." */
  reason: string;
  /** The role that may do it: the link lists the people who hold it, so the person knows whom to ask. */
  role: Role;
};

/** A button that stays visible when the person lacks the permission: disabled, with the reason and whom to ask. */
export function GatedButton({ allowed, reason, role, ...props }: GatedButtonProps) {
  const reasonId = useId();
  if (allowed) return <Button {...props} />;
  return (
    <div className="grid justify-items-start gap-1.5">
      <Button {...props} disabled aria-describedby={reasonId} />
      <p id={reasonId} className="text-sm text-muted-foreground">
        {reason}{" "}
        <Link href={peopleWithRoleHref(role)} className="font-medium text-foreground underline underline-offset-4">
          See your {ROLE_PLURALS[role]}
        </Link>
      </p>
    </div>
  );
}
