// `npm run db:migrate`: applies the migrations to DATABASE_URL, or to the embedded database (server stopped).
import { closeDb, migrateProcessDatabase } from "./client";

const { driver } = await migrateProcessDatabase();
console.info(`Migrations applied (${driver}).`);
await closeDb();
