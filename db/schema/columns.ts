import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Random UUID primary key: ids appear in URLs and must not reveal counts or order. */
export const id = () => uuid("id").primaryKey().defaultRandom();

export const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
