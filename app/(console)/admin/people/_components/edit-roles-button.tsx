"use client";

import { useState } from "react";
import { onDemand, preloadOn } from "@/components/forms/on-demand";
import { Button } from "@/components/ui/button";
import type { EditRolesDialogProps } from "./edit-roles-dialog";

const EditRolesDialog = onDemand<EditRolesDialogProps>(
  () => import("./edit-roles-dialog").then((m) => m.EditRolesDialog),
  (props) => props.open,
);

/** A person's Edit roles button; the form arrives when it is first opened. */
export function EditRolesButton({ person }: Pick<EditRolesDialogProps, "person">) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        aria-label={`Edit roles for ${person.name}`}
        aria-haspopup="dialog"
        {...preloadOn(EditRolesDialog)}
        onClick={() => setOpen(true)}
      >
        Edit roles
      </Button>
      <EditRolesDialog open={open} onOpenChange={setOpen} person={person} />
    </>
  );
}
