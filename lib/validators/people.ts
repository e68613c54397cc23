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

/** A person as `GET /api/v1/users` answers. */
export const apiUserSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.enum(ROLES)).meta({ example: ["office_lead"] }),
  })
  .meta({ id: "User" });
export type ApiUser = z.infer<typeof apiUserSchema>;
