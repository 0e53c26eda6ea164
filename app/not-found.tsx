import type { Metadata } from "next";
import { StatusPage } from "@/components/shell/status-page";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return <StatusPage code="404" title="Page not found" body="The page may have moved, or the link may be mistyped." />;
}
