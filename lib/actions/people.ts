"use server";

import { revalidatePath } from "next/cache";
import { mapOk } from "@/lib/result";
import { updatePersonRoles } from "@/lib/services/people";
import { updatePersonRolesSchema } from "@/lib/validators/people";
import { defineAction } from "./define-action";

export const updatePersonRolesAction = defineAction({
  input: updatePersonRolesSchema,
  permission: "people:write",
  forbidden: "You must be an Administrator to change people's roles.",
  run: ({ db, author, input, meta }) => mapOk(updatePersonRoles(db, author, input, meta), () => undefined),
  revalidate: () => revalidatePath("/admin/people"),
});
