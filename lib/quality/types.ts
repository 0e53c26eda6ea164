/**
 * Shapes shared by the label-quality and model-evaluation math. Everything here is plain data so
 * the same modules run in the browser and on the server.
 */

/** One completed ranking. Outputs are identified by their position 0..K-1 within the task. */
export type RankingRecord = {
  /** Dense index of the task. */
  task: number;
  /** Dense index of the prompt: the bootstrap unit for win rates and Bradley–Terry. */
  prompt: number;
  /** Dense index of the labeler. */
  labeler: number;
  /** ranks[p] = tie-group index of output p (0 = best group); length K (4..9). */
  ranks: ArrayLike<number>;
  /** likerts[p] = 1..7, or 0 when absent. */
  likerts?: ArrayLike<number>;
  /** Position of the output displayed first to this labeler. */
  firstShown?: number;
};

/**
 * A figure an admin decides on: its value, its 95% percentile-bootstrap interval and the count it
 * rests on. value and ci95 are null when there is nothing to measure.
 */
export type Figure = { value: number | null; ci95: [number, number] | null; n: number };

/** Resampling settings; the defaults are what every figure uses unless a caller overrides them. */
export type BootstrapOptions = {
  /** Number of bootstrap resamples (at least 1,000 for published figures). */
  resamples?: number;
  /** Seed of the PRNG: the same input and seed give the same interval every time. */
  seed?: number;
};

/**
 * Rankings column by column (what the loader builds: no object per ranking). Record r ranked
 * outputs[r] outputs, whose ranks and ratings sit at positions start[r] .. start[r] + outputs[r] − 1
 * of `ranks` and `likerts` (shared by tables selected from one another).
 */
export type RankingTable = {
  size: number;
  task: Int32Array;
  prompt: Int32Array;
  labeler: Int32Array;
  start: Int32Array;
  outputs: Int32Array;
  ranks: Int32Array;
  /** 1..7, 0 when absent. */
  likerts: Int32Array;
  /** Position displayed first, −1 when not recorded. */
  firstShown: Int32Array;
};

/** What the figures take: ranking records, or the same rankings as a table. */
export type Rankings = readonly RankingRecord[] | RankingTable;
