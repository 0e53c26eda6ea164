import { describe, expect, it } from "vitest";
import {
  type DatasetCardInput,
  FeatureCollector,
  featureOf,
  featuresYaml,
  mergeFeatures,
  renderDatasetCard,
  toYaml,
} from "@/lib/exports/dataset-card";

const figures: DatasetCardInput["figures"] = {
  prompts: 10,
  conversation_prompts: 4,
  tasks: 6,
  rankings: 12,
  demonstrations: 3,
  labelers: 5,
  instructions_versions: [
    { version: 1, submissions: 9 },
    { version: 2, submissions: 6 },
  ],
  agreement: {
    pairwise_agreement: { value: 0.73, ci95: [0.61, 0.84], n: 30 },
    kendall_tau_b: { value: 0.41, ci95: null, n: 30 },
    likert_alpha: { value: null, ci95: null, n: 0 },
    tasks: 6,
    rankings: 12,
  },
};

function card(records: unknown[], files = [{ name: "comparisons-trl-train.jsonl.gz", split: "train", records: 2, sha256: "aa" }]) {
  const features = new FeatureCollector();
  for (const record of records) features.add(record);
  return renderDatasetCard({
    project: { name: "Assistant v2: prefs", slug: "assistant", description: "Rankings of assistant replies." },
    snapshot: {
      name: "rm-v1",
      dataset: "comparisons",
      format: "trl",
      created_at: "2026-12-04T10:00:00.000Z",
      filters: { split: null, ties: "exclude" },
    },
    files,
    features: features.result,
    figures,
  });
}

describe("features", () => {
  it("types values as the datasets library does, widening across records", () => {
    expect(featureOf("x")).toEqual({ kind: "value", dtype: "string" });
    expect(mergeFeatures(featureOf(1), featureOf(1.5))).toEqual({ kind: "value", dtype: "float64" });
    expect(mergeFeatures(featureOf(null), featureOf(true))).toEqual({ kind: "value", dtype: "bool" });
    const merged = mergeFeatures(featureOf({ a: 1 }), featureOf({ b: [{ role: "user", content: "x" }] }));
    expect(featuresYaml(merged)).toEqual([
      { name: "a", dtype: "int64" },
      {
        name: "b",
        list: [
          { name: "role", dtype: "string" },
          { name: "content", dtype: "string" },
        ],
      },
    ]);
    expect(featuresYaml(featureOf({ groups: [["a"]], meta: { k: "v" } }))).toEqual([
      { name: "groups", list: { list: "string" } },
      { name: "meta", struct: [{ name: "k", dtype: "string" }] },
    ]);
  });

  it("writes block YAML, quoting what YAML would misread", () => {
    expect(toYaml({ a: "plain", b: "with: colon", c: "yes", d: [{ name: "x", dtype: "string" }], e: [] })).toBe(
      'a: plain\nb: "with: colon"\nc: "yes"\nd:\n- name: x\n  dtype: string\ne: []',
    );
  });
});

describe("dataset card", () => {
  it("has the Hub's YAML header: license placeholder, one config with data_files per split, features", () => {
    const text = card(
      [
        { prompt: "Hi", chosen: "a", rejected: "b", group_id: "g1" },
        { prompt: "Yo", chosen: "c", rejected: "d", group_id: "g2", tie: true },
      ],
      [
        { name: "comparisons-trl-train.jsonl.gz", split: "train", records: 2, sha256: "aa" },
        { name: "comparisons-trl-valid.jsonl.gz", split: "valid", records: 1, sha256: "bb" },
        { name: "comparisons-trl-test.jsonl.gz", split: "test", records: 0, sha256: "cc" },
      ],
    );
    const [, header] = text.split("---\n");
    expect(header).toContain("license: other\nlicense_name: TODO-set-a-license\n");
    expect(header).toContain('pretty_name: "Assistant v2: prefs: rm-v1"');
    expect(header).toContain(
      "configs:\n- config_name: comparisons-trl\n  default: true\n  data_files:\n  - split: train\n    path: comparisons-trl-train.jsonl.gz\n  - split: validation\n    path: comparisons-trl-valid.jsonl.gz\n",
    );
    // The empty test split is listed in the card's table but left out of the config.
    expect(header).not.toContain("comparisons-trl-test.jsonl.gz");
    expect(text).toContain("| test | `comparisons-trl-test.jsonl.gz` | 0 | `cc` |");
    expect(header).toContain("  features:\n  - name: prompt\n    dtype: string\n");
    expect(header).toContain("  - name: tie\n    dtype: bool\n");
  });

  it("declares no features for a snapshot with no records", () => {
    expect(card([], [{ name: "comparisons-trl-train.jsonl.gz", split: "train", records: 0, sha256: "aa" }])).not.toContain("dataset_info");
  });

  it("gives the collection's figures: counts, labelers, instructions versions, agreement", () => {
    const text = card([{ prompt: "Hi", chosen: "a", rejected: "b", group_id: "g1" }]);
    expect(text).toContain("| Prompts collected | 10 |");
    expect(text).toContain("| of which conversations | 4 |");
    expect(text).toContain("| Rankings | 12 |");
    expect(text).toContain("| Labelers | 5 |");
    expect(text).toContain("| 2 | 6 |");
    expect(text).toContain("- Pairwise agreement: 0.730 (95% CI 0.610–0.840), n = 30");
    expect(text).toContain("- Krippendorff's alpha (Likert): n/a (n = 0)");
    expect(text).toContain("Rankings of assistant replies.");
  });
});
