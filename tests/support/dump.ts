import pg from "pg";

/** Every row of every table in the database as text: what a pg_dump of the data would hold. */
export async function dumpAllRows(databaseUrl = process.env.DATABASE_URL!): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      for (const { row } of rows.rows) parts.push(row);
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}
