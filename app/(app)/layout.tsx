import { TopBar } from "@/components/shell/top-bar";
import { requireUser } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-screen flex-col">
      <TopBar email={user.email} role={user.role} />
      {/* A page marked data-wide (the label screen: outputs side by side) takes wide screens whole. */}
      <div className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 has-[[data-wide]]:max-w-[120rem] sm:px-6 sm:py-8">{children}</div>
    </div>
  );
}
