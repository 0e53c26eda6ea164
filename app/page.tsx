import { requireUser } from "@/lib/auth/guards";

export default async function HomePage() {
  const user = await requireUser();
  return <main className="p-8">Hello {user.email}</main>;
}
