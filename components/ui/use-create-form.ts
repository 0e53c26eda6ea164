"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { callApi, type FieldErrors, toFieldErrors } from "@/lib/ui/api";

/**
 * The submit of an admin form that creates one thing (an API key, an invitation): validate with the
 * shared schema, POST, then hand the answer to `onCreated`, clear the form and refresh the page's list.
 */
export function useCreateForm<S extends z.ZodType, T>(options: {
  schema: S;
  url: string;
  /** The raw values, as the schema will check them. */
  read: (form: FormData) => unknown;
  onCreated: (data: T) => void;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const parsed = options.schema.safeParse(options.read(new FormData(formElement)));
    setMessage(null);
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setPending(true);
    const result = await callApi<T>(options.url, { method: "POST", body: parsed.data });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
      return;
    }
    options.onCreated(result.data);
    formElement.reset();
    router.refresh();
  }

  return { errors, message, pending, onSubmit };
}
