import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/ui/api";

const passwordHint = "At least 10 characters. A passphrase of a few words works well.";

/** "Password" and "Confirm password", used when an account is created. */
export function NewPasswordFields({ errors }: { errors: FieldErrors }) {
  return (
    <>
      <Field id="password" label="Password" hint={passwordHint} error={errors.password}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          invalid={!!errors.password}
          aria-describedby={describedBy("password", { hint: passwordHint, error: errors.password })}
        />
      </Field>
      <Field id="confirm" label="Confirm password" error={errors.confirm}>
        <Input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          invalid={!!errors.confirm}
          aria-describedby={describedBy("confirm", { error: errors.confirm })}
        />
      </Field>
    </>
  );
}
