import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const updatePersonRolesSchema = z.object({
  userId: z.uuid("Unknown person."),
  roles: z
    .array(z.enum(ROLES))
    .min(1, "Choose at least one role.")
    .transform((roles) => [...new Set(roles)]),
});
export type UpdatePersonRolesInput = z.input<typeof updatePersonRolesSchema>;
