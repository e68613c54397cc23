// `npm run db:seed`: the demo data, on request (the only way it reaches a DATABASE_URL database). Idempotent.
import { closeDb, migrateProcessDatabase } from "./client";
import { seedDemoData } from "./seed";

const { db, driver } = await migrateProcessDatabase();
await seedDemoData(db);
console.info(`Demo data present (${driver}): password keyward-demo.`);
await closeDb();
