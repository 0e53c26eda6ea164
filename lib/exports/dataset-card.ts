// A snapshot's dataset card: the README.md the Hugging Face Hub reads, so that a snapshot's folder
// uploads as a dataset unchanged. Pure: the features are inferred from the records as they are
// written, the figures come from the caller.
//
// The YAML header follows the Hub's dataset card metadata: `configs` (one config, its data_files
// per split, pointing at the snapshot's gzipped JSONL files, which `datasets` reads as they are),
// `dataset_info.features` in the Hub's YAML form (dtype / struct / list), and a license
// placeholder to be set before publishing.

/** What a JSON value's type is, as the `datasets` library would type it. */
export type Feature =
  | { kind: "null" }
  | { kind: "value"; dtype: "string" | "bool" | "int64" | "float64" }
  | { kind: "list"; item: Feature }
  | { kind: "struct"; fields: Map<string, Feature> };

const NULL: Feature = { kind: "null" };

/** The feature of one JSON value. */
export function featureOf(value: unknown): Feature {
  if (value === null || value === undefined) return NULL;
  if (typeof value === "string") return { kind: "value", dtype: "string" };
  if (typeof value === "boolean") return { kind: "value", dtype: "bool" };
  if (typeof value === "number") return { kind: "value", dtype: Number.isInteger(value) ? "int64" : "float64" };
  if (Array.isArray(value))
    return { kind: "list", item: value.reduce<Feature>((item, element) => mergeFeatures(item, featureOf(element)), NULL) };
  if (typeof value === "object") {
    return { kind: "struct", fields: new Map(Object.entries(value).map(([key, field]) => [key, featureOf(field)])) };
  }
  return { kind: "value", dtype: "string" };
}

/**
 * The feature that holds values of both: null gives way to anything (a field absent or null in
 * some records is a nullable field), whole numbers widen to float64, structs take the union of
 * their fields, lists merge their items. Types that cannot be reconciled become string.
 */
export function mergeFeatures(a: Feature, b: Feature): Feature {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.kind === "value" && b.kind === "value") {
    if (a.dtype === b.dtype) return a;
    const numbers = new Set(["int64", "float64"]);
    if (numbers.has(a.dtype) && numbers.has(b.dtype)) return { kind: "value", dtype: "float64" };
    return { kind: "value", dtype: "string" };
  }
  if (a.kind === "list" && b.kind === "list") return { kind: "list", item: mergeFeatures(a.item, b.item) };
  if (a.kind === "struct" && b.kind === "struct") {
    const fields = new Map(a.fields);
    for (const [key, feature] of b.fields) fields.set(key, mergeFeatures(fields.get(key) ?? NULL, feature));
    return { kind: "struct", fields };
  }
  return { kind: "value", dtype: "string" };
}

/** Collects the features of a file's records as they stream by. */
export class FeatureCollector {
  private feature: Feature = NULL;
  add(record: unknown): void {
    this.feature = mergeFeatures(this.feature, featureOf(record));
  }
  get result(): Feature {
    return this.feature;
  }
}

type YamlNode = string | number | boolean | null | YamlNode[] | { [key: string]: YamlNode };

/**
 * A feature in the Hub's YAML form (as `datasets` writes and reads it): {dtype}, {struct: [fields]},
 * {list: dtype} for a list of values, {list: [fields]} for a list of structs.
 */
function featureYaml(feature: Feature): { [key: string]: YamlNode } {
  switch (feature.kind) {
    case "null":
      return { dtype: "null" };
    case "value":
      return { dtype: feature.dtype };
    case "struct":
      return { struct: fieldsYaml(feature.fields) };
    case "list": {
      const item = featureYaml(feature.item);
      if ("dtype" in item && Object.keys(item).length === 1) return { list: item.dtype! };
      if ("struct" in item) return { list: item.struct! };
      return { list: item };
    }
  }
}

function fieldsYaml(fields: Map<string, Feature>): YamlNode[] {
  return [...fields].map(([name, feature]) => ({ name, ...featureYaml(feature) }));
}

/** The top-level fields of the records, in the Hub's `features` form (records are objects). */
export function featuresYaml(feature: Feature): YamlNode[] {
  return feature.kind === "struct" ? fieldsYaml(feature.fields) : [];
}

// Plain words stay bare; anything else is a JSON string, which YAML reads as a double-quoted scalar.
const BARE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = new Set(["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"]);

function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value !== "string") return String(value);
  return BARE.test(value) && !RESERVED.has(value.toLowerCase()) ? value : JSON.stringify(value);
}

/** Block-style YAML for the card's header (a small writer: only the shapes the header uses). */
export function toYaml(node: YamlNode, indent = ""): string {
  if (Array.isArray(node)) {
    if (!node.length) return "[]";
    return node
      .map((item) => {
        if (item !== null && typeof item === "object") {
          const body = toYaml(item, `${indent}  `);
          return `${indent}- ${body.slice(indent.length + 2)}`;
        }
        return `${indent}- ${scalar(item)}`;
      })
      .join("\n");
  }
  if (node !== null && typeof node === "object") {
    const entries = Object.entries(node);
    if (!entries.length) return "{}";
    return entries
      .map(([key, value]) => {
        if (value !== null && typeof value === "object" && (Array.isArray(value) ? value.length : Object.keys(value).length)) {
          return `${indent}${scalar(key)}:\n${toYaml(value, Array.isArray(value) ? indent : `${indent}  `)}`;
        }
        return `${indent}${scalar(key)}: ${Array.isArray(value) ? "[]" : value !== null && typeof value === "object" ? "{}" : scalar(value)}`;
      })
      .join("\n");
  }
  return `${indent}${scalar(node)}`;
}

/** The Hub's name for a split: `valid` is read as `validation`. */
export function hubSplitName(split: string): string {
  return split === "valid" ? "validation" : split;
}

export type Figure = { value: number | null; ci95: [number, number] | null; n: number };

export type DatasetCardInput = {
  project: { name: string; slug: string; description: string };
  snapshot: { name: string; dataset: string; format: string; created_at: string; filters: Record<string, string | null> };
  files: { name: string; split: string; records: number; sha256: string }[];
  features: Feature;
  figures: {
    prompts: number;
    conversation_prompts: number;
    tasks: number;
    rankings: number;
    demonstrations: number;
    labelers: number;
    instructions_versions: { version: number; submissions: number }[];
    agreement: { pairwise_agreement: Figure; kendall_tau_b: Figure; likert_alpha: Figure; tasks: number; rankings: number } | null;
  };
};

const FORMAT_NOTES: Record<string, string> = {
  batches:
    "One record per ranking (InstructGPT style): the prompt, every output with its rank, Likert rating and flags, the tie groups and all (better, worse) pairs.",
  pairs: "One record per (better, worse) pair of a ranking, with both outputs' models, ranks and ratings.",
  trl: 'Hugging Face TRL standard preference format: `{"prompt", "chosen", "rejected"}`.',
  "trl-conversational":
    "Hugging Face TRL conversational preference format: `prompt`, `chosen` and `rejected` are lists of `{role, content}` messages.",
  openai: "OpenAI preference fine-tuning format: `input.messages`, `preferred_output`, `non_preferred_output`.",
  hh: 'Anthropic HH-RLHF format: `{"chosen", "rejected"}` transcripts of `\\n\\nHuman: …\\n\\nAssistant: …` turns.',
  consensus:
    "One record per task ranked by two or more labelers: the aggregate ranking (mean rank) and per-pair vote counts (soft labels).",
  sft: 'Supervised fine-tuning, prompt/completion: `{"prompt", "completion"}` from labeler-written demonstrations.',
  messages: "Supervised fine-tuning, chat: `messages` ending with the labeler's demonstration as the assistant turn.",
  prompts: "The collected prompts, redacted, with their split, use-case category and source.",
};

function figureText(figure: Figure): string {
  if (figure.value === null) return `n/a (n = ${figure.n})`;
  const ci = figure.ci95 ? ` (95% CI ${figure.ci95[0].toFixed(3)}–${figure.ci95[1].toFixed(3)})` : "";
  return `${figure.value.toFixed(3)}${ci}, n = ${figure.n}`;
}

/** The README.md of a snapshot: the YAML header the Hub reads, then the collection's figures in prose and tables. */
export function renderDatasetCard(input: DatasetCardInput): string {
  const { project, snapshot, files, figures } = input;
  const configName = `${snapshot.dataset}-${snapshot.format}`;
  // An empty split's file stays in the folder but out of the config: a split with no rows is not
  // loadable (unless every split is empty, when there is nothing to load either way).
  const loadable = files.some((file) => file.records > 0) ? files.filter((file) => file.records > 0) : files;
  const features = featuresYaml(input.features);
  const header = {
    license: "other",
    license_name: "TODO-set-a-license",
    pretty_name: `${project.name}: ${snapshot.name}`,
    tags: ["human-feedback", "rlhf", "ranklab", snapshot.dataset],
    configs: [
      {
        config_name: configName,
        default: true,
        data_files: loadable.map((file) => ({ split: hubSplitName(file.split), path: file.name })),
      },
    ],
    // No records, no features to declare: the Hub then infers them once there is data.
    ...(features.length ? { dataset_info: { config_name: configName, features } } : {}),
  } satisfies YamlNode;

  const total = files.reduce((sum, file) => sum + file.records, 0);
  const filters = Object.entries(snapshot.filters)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `\`${key}=${value}\``)
    .join(", ");
  const lines = [
    "---",
    "# Set the license before publishing: replace `other` and `license_name` (e.g. `license: cc-by-4.0`).",
    toYaml(header),
    "---",
    "",
    `# ${project.name}: ${snapshot.name}`,
    "",
    project.description.trim() || `Human preference data collected with Ranklab (project \`${project.slug}\`).`,
    "",
    `Snapshot \`${snapshot.name}\` of the \`${snapshot.dataset}\` dataset in the \`${snapshot.format}\` format, frozen on ${snapshot.created_at}${filters ? ` with ${filters}` : ""}.`,
    FORMAT_NOTES[snapshot.format] ?? "",
    "Every prompt and output was redacted before it was stored: personal data is replaced by numbered placeholders (`<PERSON_1>`, `<EMAIL_1>`, …), numbered across a whole conversation. Labelers and end users appear only as pseudonyms.",
    "",
    "## Files",
    "",
    "| Split | File | Records | sha256 |",
    "| --- | --- | ---: | --- |",
    ...files.map((file) => `| ${hubSplitName(file.split)} | \`${file.name}\` | ${file.records} | \`${file.sha256}\` |`),
    `| **all** | | **${total}** | |`,
    "",
    "```python",
    "from datasets import load_dataset",
    "",
    'dataset = load_dataset("path/to/this/folder")  # or the Hub repository id once uploaded',
    "```",
    "",
    "## Collection",
    "",
    "| Figure | Value |",
    "| --- | ---: |",
    `| Prompts collected | ${figures.prompts} |`,
    `| of which conversations | ${figures.conversation_prompts} |`,
    `| Tasks | ${figures.tasks} |`,
    `| Rankings | ${figures.rankings} |`,
    `| Demonstrations | ${figures.demonstrations} |`,
    `| Labelers | ${figures.labelers} |`,
    "",
    "### Labeling instructions versions",
    "",
    ...(figures.instructions_versions.length
      ? [
          "| Version | Submissions |",
          "| ---: | ---: |",
          ...figures.instructions_versions.map((row) => `| ${row.version} | ${row.submissions} |`),
        ]
      : ["No submissions yet."]),
    "",
    "### Inter-labeler agreement",
    "",
    ...(figures.agreement
      ? [
          `Over ${figures.agreement.tasks} tasks ranked by two or more labelers (${figures.agreement.rankings} rankings), at the time of the snapshot:`,
          "",
          `- Pairwise agreement: ${figureText(figures.agreement.pairwise_agreement)}`,
          `- Kendall's tau-b: ${figureText(figures.agreement.kendall_tau_b)}`,
          `- Krippendorff's alpha (Likert): ${figureText(figures.agreement.likert_alpha)}`,
        ]
      : ["Not available."]),
    "",
  ];
  return lines.join("\n");
}
