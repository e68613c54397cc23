import { index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { organizations } from "./organizations";

export const roleEnum = pgEnum("role", ["administrator", "office_lead", "member"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Stored lower-cased; sign-in and single sign-on match on it. */
    email: text("email").notNull().unique(),
    /** Null for people who only sign in through single sign-on. */
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
  },
  (t) => [index("users_organization_name_idx").on(t.organizationId, t.name)],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index("user_roles_role_idx").on(t.role)],
);

export type User = typeof users.$inferSelect;
