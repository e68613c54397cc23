// `npm run db:seed`: the demo data, on request (the only way it reaches a DATABASE_URL database). Idempotent.
import { closeDb, getHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { seedDemoData } from "./seed";

const { db, driver } = await getHandle();
await migrateDatabase(db, driver);
await seedDemoData(db);
console.info(`Demo data present (${driver}): password keyward-demo.`);
await closeDb();
