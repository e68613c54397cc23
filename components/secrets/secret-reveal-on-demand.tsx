"use client";

import { onDemand } from "@/components/forms/on-demand";
import type { SecretRevealDialogProps } from "./secret-reveal-dialog";

/** The secret reveal dialog for pages that show it only after an action: its code arrives when a secret does. */
export const SecretRevealDialog = onDemand<SecretRevealDialogProps>(
  () => import("./secret-reveal-dialog").then((m) => m.SecretRevealDialog),
  (props) => props.open,
);
