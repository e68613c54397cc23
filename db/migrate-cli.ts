// `npm run db:migrate`: applies the migrations to DATABASE_URL, or to the embedded database (server stopped).
import { closeDb, getHandle } from "./client";
import { migrateDatabase } from "./migrate";

const { db, driver } = await getHandle();
await migrateDatabase(db, driver);
console.info(`Migrations applied (${driver}).`);
await closeDb();
