import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { slugSchema } from "@/lib/projects/schema";

export const roleSchema = z.enum(["admin", "labeler"]);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }));

// Long passphrases are welcome; the upper bound only keeps hashing cheap.
export const passwordSchema = z
  .string()
  .min(10, { message: "Use at least 10 characters." })
  .max(200, { message: "Use at most 200 characters." });

export const nameSchema = safeString(FIELD_BYTES.name).trim().min(1, { message: "Enter a name." }).max(100);

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const createUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: roleSchema,
  name: nameSchema.optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const inviteSchema = z.object({
  email: emailSchema,
  role: roleSchema.default("labeler"),
  // Slugs of the projects the person joins on accepting (what limits labelers to members).
  projects: z
    .array(slugSchema)
    .max(100, { message: "Name at most 100 projects." })
    .transform((slugs) => [...new Set(slugs)])
    .default([]),
});
// Callers that name no projects may leave them out.
export type InviteInput = Omit<z.infer<typeof inviteSchema>, "projects"> & { projects?: string[] };

// Tokens are looked up in the database, so they must be storable strings too.
const tokenSchema = safeString(FIELD_BYTES.name).min(10).max(200);

export const acceptInvitationSchema = z.object({
  token: tokenSchema,
  name: nameSchema,
  password: passwordSchema,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const setupAdminSchema = z.object({
  token: tokenSchema,
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
});
export type SetupAdminInput = z.infer<typeof setupAdminSchema>;

export const updateUserSchema = z
  .object({
    role: roleSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((value) => value.role !== undefined || value.active !== undefined, {
    message: "Give a role or an active flag to change.",
  });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
