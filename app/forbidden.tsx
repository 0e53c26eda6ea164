import type { Metadata } from "next";
import { StatusPage } from "@/components/shell/status-page";

export const metadata: Metadata = { title: "Forbidden" };

export default function Forbidden() {
  return <StatusPage code="403" title="You need an admin account for this page" body="Ask an admin if you think you should have access." />;
}
