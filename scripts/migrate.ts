// npm run migrate -- [deploy | create <name> | check]
//   deploy  apply pending migrations to DATABASE_URL (or the embedded database)
//   create  write a new migration from the change to prisma/schema.prisma
//   check   fail when prisma/schema.prisma has changes no migration covers
import { openDatabase } from "./lib/database";
import { applyMigrations, createMigration, pendingSchemaSql } from "./lib/schema-engine";

const [command = "deploy", name] = process.argv.slice(2);
const database = await openDatabase({ quiet: true });
let exitCode = 0;
try {
  if (command === "deploy") {
    const applied = await applyMigrations(database.url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  } else if (command === "create") {
    if (!name) throw new Error("Usage: npm run migrate -- create <name>");
    const created = await createMigration(database.url, name);
    console.log(created ? `Created prisma/migrations/${created}` : "No schema change to migrate.");
  } else if (command === "check") {
    const sql = await pendingSchemaSql(database.url);
    if (sql.trim()) {
      console.error(`prisma/schema.prisma has changes without a migration:\n${sql}`);
      exitCode = 1;
    } else console.log("Every schema change has a migration.");
  } else {
    throw new Error(`Unknown command "${command}". Use deploy, create <name> or check.`);
  }
} catch (error) {
  console.error((error as Error).message);
  exitCode = 1;
} finally {
  await database.stop();
}
process.exit(exitCode);
