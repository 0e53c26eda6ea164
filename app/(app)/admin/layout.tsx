import { AdminNav } from "@/components/shell/admin-nav";
import { requireAdmin } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

// Each admin page calls requireAdmin() itself too: layouts and pages render independently.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div>
      <div className="mb-6">
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
