/**
 * Label quality and model evaluation: pure, dependency-free math that runs in the browser and on
 * the server. See each module for the exact definitions.
 */
export {
  type AgreementReport,
  agreementOverTime,
  agreementReport,
  figure,
  kendallTauB,
  krippendorffAlphaInterval,
  LINEARIZED_FROM_TASKS,
  linearizedInterval,
  linearizedRatioInterval,
  meanKendallTauB,
  pairwiseAgreement,
  scheduleAgreementReport,
} from "./agreement";
export {
  BootstrapBatch,
  type BootstrapResult,
  bootstrapCI,
  bootstrapRatioCI,
  bootstrapSums,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type Evaluate,
  type Interval,
  percentileInterval,
  quantileSorted,
  ratioStatistic,
  type Statistic,
  type SumsBootstrapInput,
} from "./bootstrap";
export { type GoldAccuracy, goldAccuracy, type ReferenceRanks, scheduleGoldAccuracy } from "./gold";
export {
  BradleyTerryFit,
  type BradleyTerryOptions,
  type BradleyTerryScore,
  bradleyTerry,
  DEFAULT_BT_PRIOR,
  type ModelReportOptions,
  type ModelsByTask,
  modelReport,
  scheduleModelReport,
  type WinRate,
  winRates,
} from "./models";
export { type PositionBias, positionBias } from "./position-bias";
export { Mulberry32 } from "./random";
export { asTable, groupByTask, type Relation, ranksFromGroups, relation, selectRows, tableOf } from "./rankings";
export { generateSyntheticRankings, type SyntheticOptions, type SyntheticRankings } from "./synthetic";
export type { BootstrapOptions, Figure, RankingRecord, Rankings, RankingTable } from "./types";
