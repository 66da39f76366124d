/**
 * Random forest (ml-random-forest) on calendar, holiday, discount and lag features
 * (features.ts), forecasting one step at a time and feeding each forecast back as a lag.
 *
 * Target: the value ÷ the level (mean of the last season), with the lags divided by the same
 * level. Trees predict only values they have seen, so a forest on raw values cannot follow a
 * series that grows past its training range; on ratios it learns the weekly shape, holiday
 * and discount lifts once, and the level carries them to any sales volume.
 *
 * Intervals: the out-of-bag error of the ratio (each training row predicted only by the trees
 * that did not see it: an honest one-step-ahead error, where in-sample residuals of deep trees
 * are near zero), times the level at that step, widened by √(1 + (step − 1)/season) because
 * from the second step on the lags and the level are themselves forecasts.
 */
import { RandomForestRegression } from 'ml-random-forest';
import { mulberry32 } from '../random';
import { featureColumns, featureRows, levelAt, type FeatureLayout } from './features';
import { normalForecast, type FittedModel, type Forecaster, type ModelParameter, type SeriesData } from './types';

/**
 * Forest size, chosen for speed. ml-cart scores every candidate split by re-partitioning the
 * node's rows, so a tree costs ~columns × rows²: a tree on ml-random-forest's own bootstrap of
 * 723 daily rows × 11 columns takes 100–150 ms, leaving room for three in the budget. Each tree
 * here is instead a one-tree RandomForestRegression on its own seeded random half of the rows,
 * at most 240 ("subagging", as good as bagging: Bühlmann & Yu 2002), and we know exactly which
 * rows each tree did not see. Node 20, 723 rows × 11 columns, median of 3 (machine shared):
 *
 * | forest                                                 | train   | OOB RMSE (ratio) |
 * |--------------------------------------------------------|---------|------------------|
 * | library bagging, 10 trees, defaults                    | 1360 ms | 0.108            |
 * | … 10 trees, maxFeatures 0.5                            |  730 ms | 0.161            |
 * | … 10 trees, maxDepth 6                                 | 1260 ms | 0.104            |
 * | … 10 trees, minNumSamples 20                           | 1230 ms | 0.102            |
 * | … 3 trees, minNumSamples 20                            |  380 ms | 0.114            |
 * | … 5 trees, maxFeatures 0.5, minNumSamples 20           |  290 ms | 0.166            |
 * | 16 trees × 240 rows, minNumSamples 10 (these options)  |  360 ms | 0.100            |
 * | 16 trees × 240 rows, minNumSamples 6                   |  330 ms | 0.100            |
 * | 16 trees × 240 rows, maxFeatures 0.8                   |  260 ms | 0.108            |
 * | 20 trees × 181 rows                                    |  240 ms | 0.101            |
 * | 10 trees × 362 rows                                    |  440 ms | 0.103            |
 *
 * The noise floor of that series is ~0.09. The library's own out-of-bag estimate throws when
 * some row is in every tree's bag, which is likely below ~30 trees. Its column sampling is per
 * tree, not per split, so it drops the lag or discount column from whole trees: worse, and not
 * enough faster. A whole fit of 730 days (features, trees, out-of-bag) takes 0.3–0.45 s warm.
 */
export const FOREST_OPTIONS = {
  trees: 16,
  /** Rows each tree learns from: half the training rows, at most this many. */
  maxSampleRows: 240,
  /** A node with this many rows or fewer becomes a leaf (ml-cart's minNumSamples). */
  minNumSamples: 10,
} as const;

/** Level floor as a share of the training mean: keeps a closed week from dividing by zero. */
const LEVEL_FLOOR_SHARE = 0.01;

export const randomForestModel: Forecaster = {
  id: 'random-forest',
  label: 'Random forest',
  summary: 'Trees on weekday, season, holidays, discount and recent values, forecasting a step at a time.',
  usesDrivers: true,
  // A season of lags before the first training row, then at least a season (or 30) of rows.
  minHistory: (season) => season + Math.max(season, 30),
  async fit(history: SeriesData, context): Promise<FittedModel> {
    const { season } = context;
    const values = history.values;
    const n = values.length;
    const layout = layoutOf(history, season);
    const rows = featureRows(layout, values, history.discount, season, n);
    const targets = rows.map((_, i) => values[season + i]! / levelAt(values, season + i, layout));
    const forest = trainForest(rows, targets, context.seed, context.onProgress);

    return {
      predict(horizon, drivers) {
        // Lags and the level follow the baseline path (future discount at its recent average);
        // a what-if discount changes only its own period's row. Fed back into the level, a
        // promoted forecast would compound a long promotion week after week (×1.3, ×1.69, …).
        const path = new Float64Array(n + horizon);
        path.set(values);
        // The level stays where the history left it. Recomputed from the forecasts, it would
        // compound the ratio's upward bias (E[y ÷ mean] > 1 on noisy days) step after step:
        // on two years of 7-sale days that inflated a 90-day forecast two- to three-fold.
        const ahead: FeatureLayout = { ...layout, fixedLevel: levelAt(values, n, layout) };
        const past = history.discount;
        const baseline = past ? extendDiscount(past, horizon, season) : undefined;
        const whatIf = past && drivers?.discount ? extendDiscount(past, horizon, season, drivers.discount) : undefined;
        const point = new Float64Array(horizon);
        const sd = new Float64Array(horizon);
        for (let h = 0; h < horizon; h++) {
          const t = n + h;
          const level = ahead.fixedLevel!;
          path[t] = predictForest(forest, featureRows(ahead, path, baseline, t, t + 1)[0]!) * level;
          point[h] = whatIf ? predictForest(forest, featureRows(ahead, path, whatIf, t, t + 1)[0]!) * level : path[t]!;
          sd[h] = forest.outOfBagRmse * level * Math.sqrt(1 + h / season);
        }
        return normalForecast(point, sd);
      },
      describe: () => describeForest(forest, layout, rows.length),
    };
  },
};

interface Forest {
  trees: RandomForestRegression[];
  /** Training rows each tree learnt from. */
  sampleRows: number;
  /** Root mean square out-of-bag error of the ratio target. */
  outOfBagRmse: number;
  /** Training rows that at least one tree did not see (so have an out-of-bag prediction). */
  outOfBagRows: number;
}

function trainForest(
  rows: number[][],
  targets: number[],
  seed: number,
  onProgress?: (fraction: number) => void,
): Forest {
  const rand = mulberry32(seed);
  const m = Math.min(FOREST_OPTIONS.maxSampleRows, Math.ceil(rows.length / 2));
  const oobSum = new Float64Array(rows.length);
  const oobCount = new Int32Array(rows.length);
  const trees: RandomForestRegression[] = [];
  for (let k = 0; k < FOREST_OPTIONS.trees; k++) {
    const order = shuffledIndices(rows.length, rand);
    const inBag = order.subarray(0, m);
    const outOfBag = order.subarray(m);
    const tree = new RandomForestRegression({
      seed: Math.floor(rand() * 2 ** 31), // orders the columns, which breaks ties between equal splits
      nEstimators: 1,
      maxFeatures: 1.0, // per-tree column sampling would drop the lag or discount column from whole trees
      replacement: false,
      useSampleBagging: false,
      noOOB: true,
      treeOptions: { minNumSamples: FOREST_OPTIONS.minNumSamples },
    });
    tree.train(
      Array.from(inBag, (i) => rows[i]!),
      Array.from(inBag, (i) => targets[i]!),
    );
    const predicted = outOfBag.length ? tree.predict(Array.from(outOfBag, (i) => rows[i]!)) : [];
    outOfBag.forEach((row, j) => {
      oobSum[row]! += predicted[j]!;
      oobCount[row]!++;
    });
    trees.push(tree);
    onProgress?.((k + 1) / FOREST_OPTIONS.trees);
  }
  let sum = 0;
  let covered = 0;
  for (let i = 0; i < rows.length; i++) {
    if (!oobCount[i]) continue;
    sum += (targets[i]! - oobSum[i]! / oobCount[i]!) ** 2;
    covered++;
  }
  return { trees, sampleRows: m, outOfBagRmse: covered ? Math.sqrt(sum / covered) : Number.NaN, outOfBagRows: covered };
}

function shuffledIndices(n: number, rand: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}

function predictForest(forest: Forest, row: number[]): number {
  let sum = 0;
  for (const tree of forest.trees) sum += tree.predict([row])[0]!;
  return sum / forest.trees.length;
}

function layoutOf(history: SeriesData, season: number): FeatureLayout {
  let sum = 0;
  for (const v of history.values) sum += v;
  const mean = sum / Math.max(1, history.values.length);
  return {
    start: history.start,
    grain: history.grain,
    season,
    weekday: 'sin-cos', // two columns instead of seven: a tree's cost grows with the columns
    discount: history.discount !== undefined,
    lags: 'relative',
    levelFloor: Math.max(Math.abs(mean) * LEVEL_FLOOR_SHARE, Number.MIN_VALUE),
    // Four weeks at daily grain: one week of a few sales a day is too noisy a yardstick.
    levelWindow: history.grain === 'day' ? 4 * season : Math.min(season, 8),
  };
}

/**
 * History's discounts followed by the future's. Steps the caller leaves open repeat its last
 * value; with no future given, the mean discount of the last season (the current promotion
 * rhythm, flattened) stands in.
 */
function extendDiscount(past: Float64Array, horizon: number, season: number, future?: Float64Array): Float64Array {
  const n = past.length;
  const out = new Float64Array(n + horizon);
  out.set(past);
  let fill = 0;
  const from = Math.max(0, n - season);
  for (let i = from; i < n; i++) fill += past[i]! / (n - from);
  for (let h = 0; h < horizon; h++) {
    if (future && h < future.length) fill = future[h]!;
    out[n + h] = fill;
  }
  return out;
}

/** The parts of an ml-cart tree node the describe walk reads. */
interface TreeNode {
  splitColumn?: number;
  numberSamples?: number;
  left?: TreeNode;
  right?: TreeNode;
}

interface TreeStats {
  /** Rows each column routed, summed over every split of every tree. */
  routed: Float64Array;
  /** Deepest split chain over all trees. */
  depth: number;
}

/**
 * Importance as the share of training rows each column's splits route. Not ml-random-forest's
 * featureImportance(): it treats ml-cart's regression "gain" (the children's squared error,
 * where lower is better) as an impurity decrease, so its shares do not measure a column's use.
 */
function treeStats(forest: Forest, columns: number): TreeStats {
  const routed = new Float64Array(columns);
  let depth = 0;
  const walk = (node: TreeNode | undefined, used: number[], level: number): void => {
    if (!node?.left || !node.right || node.splitColumn === undefined) {
      depth = Math.max(depth, level);
      return;
    }
    routed[used[node.splitColumn]!]! += node.numberSamples ?? 0;
    walk(node.left, used, level + 1);
    walk(node.right, used, level + 1);
  };
  for (const tree of forest.trees) {
    const model = tree.toJSON().baseModel;
    // A one-tree forest: its tree's columns are model.indexes[0], in the order the tree saw them.
    walk((model.estimators[0] as { root: TreeNode }).root, model.indexes[0]!, 0);
  }
  return { routed, depth };
}

function describeForest(forest: Forest, layout: FeatureLayout, rows: number): ModelParameter[] {
  const columns = featureColumns(layout);
  const { routed, depth } = treeStats(forest, columns.length);
  const total = routed.reduce((a, b) => a + b, 0) || 1;
  const ranked = columns
    .map((c, i) => ({ name: c.name, share: routed[i]! / total }))
    .sort((a, b) => b.share - a.share)
    .map((c) => `${c.name} ${(100 * c.share).toFixed(0)}%`);
  return [
    { name: 'Trees', value: `${forest.trees.length}, each on ${forest.sampleRows} of ${rows} rows` },
    { name: 'Depth', value: `up to ${depth} splits (leaves of ≤ ${FOREST_OPTIONS.minNumSamples} rows)` },
    { name: 'Features', value: columns.map((c) => c.name).join(', ') },
    {
      name: 'Target',
      value: `value ÷ mean of the last ${layout.levelWindow ?? layout.season} periods, held at its last value when forecasting`,
    },
    { name: 'Out-of-bag RMSE (ratio)', value: `${forest.outOfBagRmse.toFixed(3)} over ${forest.outOfBagRows} rows` },
    { name: 'Importance (rows routed)', value: ranked.join(', ') },
  ];
}
