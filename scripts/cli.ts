// The operator CLI: npm run --silent cli -- <noun> <verb> [--flags]. Results go to standard
// output (a key alone, for scripts); messages and errors go to standard error.
import "dotenv/config";
import { parseArgs } from "node:util";
import { z } from "zod";
import { AppError } from "../lib/api/errors";
import { API_KEY_SCOPES, scopeListSchema } from "../lib/api-keys/schema";
import { projectMemberInputSchema } from "../lib/projects/access";
import { createProjectSchema, slugSchema } from "../lib/projects/schema";
import { createUserSchema } from "../lib/users/schema";
import { openDatabase } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";
import { ensureSecretKey } from "./lib/secrets";

const usage = `Usage:
  npm run --silent cli -- user create --email E --password P --role admin|labeler [--name N]
  npm run --silent cli -- key create --name N --scopes ${API_KEY_SCOPES.join(",")}
  npm run --silent cli -- project create --slug S --name N [--description D]
  npm run --silent cli -- project add-member --slug S --email E
  npm run --silent cli -- project remove-member --slug S --email E
  npm run --silent cli -- secrets rotate`;

class UsageError extends Error {}

/** Parses flags with the same zod schema the app uses; `flag` names a single-value input. */
function parse<S extends z.ZodType>(schema: S, input: unknown, flag?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `--${flag ?? issue.path.join(".")}: ${issue.message}`);
    throw new UsageError(problems.join("\n"));
  }
  return result.data;
}

function readFlags(args: string[], names: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(names.map((name) => [name, { type: "string" as const }])),
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
    return values as Record<string, string | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function main(argv: string[]): Promise<void> {
  const [noun, verb, ...rest] = argv;
  const command = `${noun ?? ""} ${verb ?? ""}`.trim();
  // Validate every argument before touching the database.
  let run: () => Promise<void>;
  if (command === "user create") {
    const flags = readFlags(rest, ["email", "password", "role", "name"]);
    const input = parse(createUserSchema, flags);
    run = async () => {
      const { createUser } = await import("../lib/users/mutations");
      const user = await createUser(input);
      console.log(user.id);
      console.error(`Created ${user.role} ${user.email}.`);
    };
  } else if (command === "key create") {
    const flags = readFlags(rest, ["name", "scopes"]);
    const name = parse(z.string().trim().min(1, { message: "Name the key." }).max(100), flags.name ?? "", "name");
    const scopes = parse(scopeListSchema, flags.scopes ?? "", "scopes");
    run = async () => {
      const { createApiKey } = await import("../lib/api-keys/mutations");
      const created = await createApiKey({ name, scopes }, null);
      console.log(created.key);
      console.error(`Created API key "${created.name}" (${created.scopes.join(", ")}). It is shown only now.`);
    };
  } else if (command === "project create") {
    const flags = readFlags(rest, ["slug", "name", "description"]);
    const input = parse(createProjectSchema, flags);
    run = async () => {
      const { createProject } = await import("../lib/projects/mutations");
      const project = await createProject(input, null);
      console.log(project.slug);
      console.error(`Created project ${project.name} (${project.slug}).`);
    };
  } else if (command === "project add-member" || command === "project remove-member") {
    const flags = readFlags(rest, ["slug", "email"]);
    const slug = parse(slugSchema, flags.slug ?? "", "slug");
    const input = parse(projectMemberInputSchema, { email: flags.email ?? "" });
    run = async () => {
      const { getProjectBySlug } = await import("../lib/projects/queries");
      const { addProjectMember, removeProjectMember } = await import("../lib/projects/member-mutations");
      const project = await getProjectBySlug(slug);
      if (!project) throw new AppError("not_found", `No project with slug "${slug}".`);
      if (verb === "add-member") {
        const { created } = await addProjectMember(project, input, {});
        console.error(created ? `Added ${input.email} to ${slug}.` : `${input.email} is already a member of ${slug}.`);
      } else {
        await removeProjectMember(project, input, {});
        console.error(`Removed ${input.email} from ${slug}.`);
      }
      if (project.labelerAccess === "all")
        console.error(`Note: ${slug} is open to every labeler (labeler_access "all"); membership counts once it is "members".`);
    };
  } else if (command === "secrets rotate") {
    readFlags(rest, []);
    run = async () => {
      // The app's key: the environment's, or in development the one kept in .data/.
      process.env.RANKLAB_SECRET_KEY = ensureSecretKey();
      const { rotateGeneratorKeys } = await import("../lib/models/key-rotation");
      const { rotated, current } = await rotateGeneratorKeys();
      console.log(rotated);
      console.error(`Re-encrypted ${rotated} endpoint key(s) under the current key (${current} already were).`);
    };
  } else {
    throw new UsageError(command ? `Unknown command "${command}".` : "No command given.");
  }

  const database = await openDatabase({ quiet: true });
  process.env.DATABASE_URL = database.url;
  try {
    await applyMigrations(database.url);
    await run();
  } finally {
    const { db } = await import("../lib/db");
    await db.$disconnect();
    await database.stop();
  }
}

try {
  await main(process.argv.slice(2));
  process.exit(0);
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else if (error instanceof AppError) console.error(`Error: ${error.message}`);
  else console.error(`Error: ${(error as Error).message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
