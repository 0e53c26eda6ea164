import * as openApiDocument from "@/app/api/v1/openapi.json/route";
import * as comparisons from "@/app/api/v1/projects/[slug]/comparisons/route";
import * as demonstrations from "@/app/api/v1/projects/[slug]/demonstrations/route";
import * as exportDataset from "@/app/api/v1/projects/[slug]/export/[dataset]/route";
import * as generationCancel from "@/app/api/v1/projects/[slug]/generations/[id]/cancel/route";
import * as generation from "@/app/api/v1/projects/[slug]/generations/[id]/route";
import * as generations from "@/app/api/v1/projects/[slug]/generations/route";
import * as generator from "@/app/api/v1/projects/[slug]/generators/[name]/route";
import * as generators from "@/app/api/v1/projects/[slug]/generators/route";
import * as members from "@/app/api/v1/projects/[slug]/members/route";
import * as models from "@/app/api/v1/projects/[slug]/models/route";
import * as prompts from "@/app/api/v1/projects/[slug]/prompts/route";
import * as quality from "@/app/api/v1/projects/[slug]/quality/route";
import * as project from "@/app/api/v1/projects/[slug]/route";
import * as qualitySettings from "@/app/api/v1/projects/[slug]/settings/route";
import * as snapshotFile from "@/app/api/v1/projects/[slug]/snapshots/[name]/files/[file]/route";
import * as snapshot from "@/app/api/v1/projects/[slug]/snapshots/[name]/route";
import * as snapshots from "@/app/api/v1/projects/[slug]/snapshots/route";
import * as nextTask from "@/app/api/v1/projects/[slug]/tasks/next/route";
import * as projects from "@/app/api/v1/projects/route";
import * as redact from "@/app/api/v1/redact/route";
import * as skipTask from "@/app/api/v1/tasks/[id]/skip/route";
import * as submitTask from "@/app/api/v1/tasks/[id]/submit/route";
import { type OperationSpec, operationsOf } from "@/lib/api/operation";

/*
 * The route modules of /api/v1, in the order the document lists them. A new route file goes here;
 * tests/unit/openapi.test.ts fails when one is missing. New operations in a listed file need nothing.
 */
const ROUTE_MODULES = [
  projects,
  project,
  prompts,
  redact,
  comparisons,
  demonstrations,
  generators,
  generator,
  generations,
  generation,
  generationCancel,
  nextTask,
  submitTask,
  skipTask,
  exportDataset,
  snapshots,
  snapshot,
  snapshotFile,
  quality,
  models,
  qualitySettings,
  members,
  openApiDocument,
];

/** Every public operation (read when the document is built: the route modules import the document). */
export function publicOperations(): OperationSpec[] {
  return ROUTE_MODULES.flatMap((module) => operationsOf(module)).filter((operation) => !operation.internal);
}
