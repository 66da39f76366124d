/**
 * A small LSTM (TensorFlow.js, cpu backend): the last W values and the calendar of the
 * target period in, the next value out, rolled forward one step at a time.
 *
 * Scale: standardised over the history, in sales units. Not logs: a shop with a few sales a
 * day has near-empty days, which the log scale turns into huge negative outliers, and a
 * forecast rolled forward in logs drifts down (the mean of logs sits below the log of the
 * mean; on the built-in data 28 days ahead fell to a fifth of the level). The network predicts
 * the deviation of the next value from the window's level (its mean) from the window's own
 * deviations, so a level it never saw in training (a growing shop) does not push
 * its inputs out of the range it learnt.
 *
 * No drivers: a dozen promotions are too few for a network this size to learn a lift it can
 * extrapolate; the random forest carries the discount.
 *
 * Only training runs in TensorFlow. The trained weights are copied out and every tensor
 * disposed, so a fit leaves nothing behind (the worker fits many models, and FittedModel has
 * no dispose); forecasts run the same LSTM equations in plain TypeScript.
 */
import * as tf from '@tensorflow/tfjs';
import { featureColumns, featureRows, type FeatureLayout } from './features';
import {
  normalForecast,
  type FitContext,
  type FittedModel,
  type Forecaster,
  type ModelParameter,
  type SeriesData,
} from './types';

/**
 * Network and training settings, sized to fit 730 days in about a second on the cpu backend,
 * whose elementwise kernels cost ~20–40 ns an element. Node 20, 723 daily windows, 8 units
 * (machine shared, so ±30%):
 *
 * | network                                                   | time                |
 * |-----------------------------------------------------------|---------------------|
 * | tf.layers.lstm, window 14, batch 128, 40 epochs           | 15–27 s a fit       |
 * | tf.layers.lstm, window 14, one batch                      | 370–530 ms an epoch |
 * | hand-written cell (below), window 14, one batch           | 280–320 ms an epoch |
 * | hand-written cell, window 7, one batch                    | 110–200 ms an epoch |
 * | hand-written, window 7, batch 64, last 364 windows, 15 ep | 0.9 s a fit         |
 * | hand-written, window 7, batch 128, 723 windows, 12 epochs | 0.65 s warm, 1.2 s first fit (these options) |
 *
 * The last two forecast a weekly pattern with 5% noise 14 days ahead within 1.3% and 0.8% MAPE.
 */
export const LSTM_OPTIONS = {
  units: 8,
  batchSize: 128,
  learningRate: 0.02,
  /** Window length: one season, at most this many steps (a year of weeks would be slow to unroll). */
  maxWindow: 16,
  /** The most recent windows trained on (two years of days): the cpu backend's cost is per sample and step. */
  maxSamples: 728,
  /**
   * Samples × window steps to train on, whatever the grain: 12 epochs of 723 daily windows of
   * 7 days; a weekly series (fewer, longer windows) gets more epochs for the same time.
   */
  workBudget: 60_000,
  minEpochs: 12,
  maxEpochs: 60,
  /** Epochs of a warm start (see FitContext.previous): this share of a cold fit's, at least minWarmEpochs. */
  warmShare: 0.3,
  minWarmEpochs: 4,
} as const;

/** Learnt weights; gate rows are i, f, g, o, `units` rows each. */
interface Weights {
  units: number;
  /** [4u] input weight of each gate row (one input per time step). */
  kernel: Float64Array;
  /** [4u] gate biases. */
  bias: Float64Array;
  /** [4u × u] recurrent weights, row-major. */
  recurrent: Float64Array;
  /** [u + calendar columns] output weights: LSTM state first, then the calendar. */
  dense: Float64Array;
  denseBias: number;
}

/** Where the series lives in the network's scale, and how much of it the network reads. */
interface Scaling {
  mean: number;
  sd: number;
  window: number;
  /** Values averaged into the level the network predicts a deviation from. */
  levelSpan: number;
  /** First period with a full window and level behind it: where training samples start. */
  first: number;
}

/** Tensors TensorFlow.js holds right now (tests check that a fit leaves none behind). */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

let backendReady: Promise<boolean> | undefined;

/** The cpu backend, chosen once: the browser has no GPU and wasm would need extra files. */
function useCpuBackend(): Promise<boolean> {
  backendReady ??= tf.setBackend('cpu');
  return backendReady;
}

export const lstmModel: Forecaster = {
  id: 'lstm',
  label: 'LSTM',
  summary: 'A small recurrent network reading the last weeks and the calendar, forecasting a step at a time.',
  usesDrivers: false,
  // A window before the first training sample, then at least three windows of samples.
  minHistory: (season) => 4 * Math.max(windowOf(season), levelSpanOf(season)),
  async fit(history: SeriesData, context: FitContext): Promise<FittedModel> {
    await useCpuBackend();
    const n = history.values.length;
    const season = context.season;
    const layout: FeatureLayout = {
      start: history.start,
      grain: history.grain,
      season,
      weekday: 'one-hot',
      discount: false,
      lags: 'none',
    };
    const scaling = scalingOf(history.values, season);
    const z = Float64Array.from(history.values, (v) => toScale(v, scaling));
    const calendar = featureRows(layout, z, undefined, scaling.first, n);
    const warm = context.previous ? trainedWeights.get(context.previous) : undefined;
    const start = warm && warm.dense.length === weights0Width(calendar) ? warm : undefined;
    const { weights, loss, samples, epochs } = await train(z, calendar, scaling, context, start);

    // One-step fits on the history, in value units: the residual SD the intervals start from.
    let sum = 0;
    for (let t = scaling.first; t < n; t++) {
      const fitted = fromScale(step(weights, z, t, calendar[t - scaling.first]!, scaling), scaling);
      sum += (history.values[t]! - fitted) ** 2;
    }
    const residualSd = Math.sqrt(sum / (n - scaling.first));

    const fitted: FittedModel = {
      predict(horizon) {
        const ext = new Float64Array(n + horizon);
        ext.set(z);
        const future = featureRows(layout, ext, undefined, n, n + horizon);
        const point = new Float64Array(horizon);
        const sd = new Float64Array(horizon);
        for (let h = 0; h < horizon; h++) {
          ext[n + h] = step(weights, ext, n + h, future[h]!, scaling);
          point[h] = fromScale(ext[n + h]!, scaling);
          // From the second step on the window holds forecasts: errors compound, a season at a time.
          sd[h] = residualSd * Math.sqrt(1 + h / season);
        }
        return normalForecast(point, sd);
      },
      describe: (): ModelParameter[] => [
        { name: 'Window', value: `${scaling.window} periods` },
        { name: 'LSTM units', value: String(weights.units) },
        {
          name: 'Epochs',
          value: `${epochs} over the last ${samples} windows (batch ${LSTM_OPTIONS.batchSize}, Adam, learning rate ${LSTM_OPTIONS.learningRate})`,
        },
        { name: 'Final training loss', value: `${loss.toPrecision(3)} (MSE, standardised scale)` },
        {
          name: 'Calendar inputs',
          value: featureColumns(layout)
            .map((c) => c.name)
            .join(', '),
        },
        { name: 'Residual SD', value: residualSd.toFixed(2) },
        ...(start ? [{ name: 'Warm start', value: 'from the fit on the previous backtest window' }] : []),
      ],
    };
    trainedWeights.set(fitted, weights);
    return fitted;
  },
};

/** Each fit's trained weights, so the next, longer window of a backtest can start from them. */
const trainedWeights = new WeakMap<FittedModel, Weights>();

/** Output weights a network over these calendar rows has: the state, then each calendar column. */
function weights0Width(calendar: number[][]): number {
  return LSTM_OPTIONS.units + (calendar[0]?.length ?? 0);
}

/**
 * Four weeks at daily grain: a one-week level moves with every busy or empty day, and rolled
 * forward over a 90-day horizon its noise compounds into a drift (measured on the built-in
 * data: MASE 3.9 with a 7-day level, against 1.2 for seasonal naive).
 */
function levelSpanOf(season: number): number {
  return season <= 7 ? 4 * windowOf(season) : windowOf(season);
}

function windowOf(season: number): number {
  return Math.min(season, LSTM_OPTIONS.maxWindow);
}

function scalingOf(values: Float64Array, season: number): Scaling {
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  const n = Math.max(1, values.length);
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  const window = windowOf(season);
  // A flat series has sd 0; 1 keeps it finite (every deviation is then 0 anyway).
  const levelSpan = levelSpanOf(season);
  return { mean, sd: sd > 1e-9 ? sd : 1, window, levelSpan, first: Math.max(window, levelSpan) };
}

function toScale(v: number, s: Scaling): number {
  return (v - s.mean) / s.sd;
}

function fromScale(z: number, s: Scaling): number {
  return z * s.sd + s.mean;
}

function levelOf(z: ArrayLike<number>, t: number, s: Scaling): number {
  let sum = 0;
  for (let i = t - s.levelSpan; i < t; i++) sum += z[i]!;
  return sum / s.levelSpan;
}

/** Network input at t: the window's deviations from its level. */
function windowInput(z: ArrayLike<number>, t: number, s: Scaling, out: Float32Array, offset: number): void {
  const level = levelOf(z, t, s);
  for (let k = 0; k < s.window; k++) out[offset + k] = z[t - s.window + k]! - level;
}

/** One mini-batch, laid out for the network: time steps of [value; 1] rows, calendar rows with a 1 row. */
interface Batch {
  steps: tf.Tensor2D[];
  calendar: tf.Tensor2D;
  target: tf.Tensor2D;
}

/** Trainable weights, transposed (gates × inputs) so the gate split cuts whole rows. */
interface Parameters {
  /** [4u × 2]: input weight and bias of each gate row (gates i, f, g, o, u rows each). */
  input: tf.Variable;
  /** [4u × u] recurrent weights. */
  recurrent: tf.Variable;
  /** [1 × (u + calendar + 1)]: output weights on the state, the calendar and a bias. */
  output: tf.Variable;
}

async function train(
  z: Float64Array,
  calendar: number[][],
  scaling: Scaling,
  context: FitContext,
  warm?: Weights,
): Promise<{ weights: Weights; loss: number; samples: number; epochs: number }> {
  const first = Math.max(0, calendar.length - LSTM_OPTIONS.maxSamples);
  const full = epochsFor(calendar.length - first, scaling.window);
  // A warm start has already learnt the shape; a few epochs adapt it to the added weeks.
  const epochs = warm ? Math.max(LSTM_OPTIONS.minWarmEpochs, Math.round(full * LSTM_OPTIONS.warmShare)) : full;
  const batches = makeBatches(z, calendar, scaling, first);
  const params = warm ? parametersFrom(warm) : initialParameters(calendar[0]?.length ?? 0, context.seed);
  const optimizer = tf.train.adam(LSTM_OPTIONS.learningRate);
  const varList = [params.input, params.recurrent, params.output];
  let loss = Number.NaN;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      let sum = 0;
      let count = 0;
      // Batches in time order every epoch: with no shuffling the seed alone fixes the result.
      for (const batch of batches) {
        tf.tidy(() => {
          const cost = optimizer.minimize(
            () => tf.losses.meanSquaredError(batch.target, forward(params, batch)),
            true,
            varList,
          );
          const n = batch.target.shape[1];
          sum += cost!.dataSync()[0]! * n;
          count += n;
        });
      }
      loss = sum / count;
      context.onProgress?.((epoch + 1) / epochs);
    }
    return { weights: readWeights(params), loss, samples: calendar.length - first, epochs };
  } finally {
    tf.dispose(varList);
    optimizer.dispose();
    for (const b of batches) tf.dispose([...b.steps, b.calendar, b.target]);
  }
}

function epochsFor(samples: number, window: number): number {
  const epochs = Math.round(LSTM_OPTIONS.workBudget / Math.max(1, samples * window));
  return Math.min(LSTM_OPTIONS.maxEpochs, Math.max(LSTM_OPTIONS.minEpochs, epochs));
}

/** Training samples first … end, in time order, cut into mini-batches. */
function makeBatches(z: Float64Array, calendar: number[][], s: Scaling, first: number): Batch[] {
  const batches: Batch[] = [];
  const width = calendar[0]?.length ?? 0;
  for (let from = first; from < calendar.length; from += LSTM_OPTIONS.batchSize) {
    const n = Math.min(LSTM_OPTIONS.batchSize, calendar.length - from);
    const steps = Array.from({ length: s.window }, () => new Float32Array(2 * n).fill(1, n));
    const cal = new Float32Array((width + 1) * n).fill(1, width * n);
    const target = new Float32Array(n);
    const window = new Float32Array(s.window);
    for (let j = 0; j < n; j++) {
      const t = s.first + from + j;
      windowInput(z, t, s, window, 0);
      window.forEach((v, k) => (steps[k]![j] = v));
      calendar[from + j]!.forEach((v, c) => (cal[c * n + j] = v));
      target[j] = z[t]! - levelOf(z, t, s);
    }
    batches.push({
      steps: steps.map((x) => tf.tensor2d(x, [2, n])),
      calendar: tf.tensor2d(cal, [width + 1, n]),
      target: tf.tensor2d(target, [1, n]),
    });
  }
  return batches;
}

function parametersFrom(w: Weights): Parameters {
  const u = w.units;
  return tf.tidy(() => ({
    input: tf.variable(
      tf.tensor2d(
        Array.from({ length: 8 * u }, (_, k) => (k % 2 ? w.bias[k >> 1]! : w.kernel[k >> 1]!)),
        [4 * u, 2],
      ),
    ),
    recurrent: tf.variable(tf.tensor2d(Float32Array.from(w.recurrent), [4 * u, u])),
    output: tf.variable(tf.tensor2d([...w.dense, w.denseBias], [1, w.dense.length + 1])),
  }));
}

function initialParameters(width: number, seed: number): Parameters {
  const s = seed >>> 0;
  const u = LSTM_OPTIONS.units;
  return tf.tidy(() => {
    const weights = tf.initializers.glorotUniform({ seed: s }).apply([4 * u, 1]) as tf.Tensor2D;
    // Forget-gate bias 1 (Jozefowicz et al. 2015): the cell keeps its memory until it learns not to.
    const bias = tf.tensor2d(
      Array.from({ length: 4 * u }, (_, g) => (g >= u && g < 2 * u ? 1 : 0)),
      [4 * u, 1],
    );
    return {
      input: tf.variable(tf.concat([weights, bias], 1)),
      recurrent: tf.variable(tf.initializers.orthogonal({ seed: s + 1 }).apply([4 * u, u])),
      output: tf.variable(
        tf.concat(
          [tf.initializers.glorotUniform({ seed: s + 2 }).apply([1, u + width]) as tf.Tensor2D, tf.zeros([1, 1])],
          1,
        ),
      ),
    };
  });
}

/**
 * The network in TensorFlow ops, batch along columns. Hand-written rather than tf.layers.lstm:
 * on the cpu backend that layer spends half its time splitting the [batch × 4u] gate matrix
 * column-wise and broadcasting the bias; here the split takes whole rows and the bias rides on
 * a constant input, which takes a third or more off an epoch.
 */
function forward(p: Parameters, batch: Batch): tf.Tensor2D {
  const u = LSTM_OPTIONS.units;
  const n = batch.target.shape[1];
  let h: tf.Tensor2D = tf.zeros([u, n]);
  let c: tf.Tensor2D = tf.zeros([u, n]);
  for (const x of batch.steps) {
    const gates = tf.add(tf.matMul(p.input, x), tf.matMul(p.recurrent, h));
    const [i, f, g, o] = tf.split(gates, 4, 0) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
  }
  return tf.matMul(p.output, tf.concat([h, batch.calendar], 0));
}

function readWeights(p: Parameters): Weights {
  const u = LSTM_OPTIONS.units;
  const input = p.input.dataSync();
  const output = p.output.dataSync();
  return {
    units: u,
    kernel: Float64Array.from({ length: 4 * u }, (_, g) => input[2 * g]!),
    bias: Float64Array.from({ length: 4 * u }, (_, g) => input[2 * g + 1]!),
    recurrent: Float64Array.from(p.recurrent.dataSync()),
    dense: Float64Array.from(output.subarray(0, output.length - 1)),
    denseBias: output[output.length - 1]!,
  };
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The network's forecast of z[t] (standardised scale) from z before t and t's calendar row. */
function step(w: Weights, z: ArrayLike<number>, t: number, calendar: number[], s: Scaling): number {
  const u = w.units;
  const input = new Float32Array(s.window); // rounded as the training tensors were
  windowInput(z, t, s, input, 0);
  let h = new Float64Array(u);
  const c = new Float64Array(u);
  const gates = new Float64Array(4 * u);
  for (const x of input) {
    for (let g = 0; g < 4 * u; g++) {
      let sum = w.bias[g]! + x * w.kernel[g]!;
      for (let k = 0; k < u; k++) sum += w.recurrent[g * u + k]! * h[k]!;
      gates[g] = sum;
    }
    const next = new Float64Array(u);
    for (let k = 0; k < u; k++) {
      const i = sigmoid(gates[k]!);
      const f = sigmoid(gates[u + k]!);
      const o = sigmoid(gates[3 * u + k]!);
      c[k] = f * c[k]! + i * Math.tanh(gates[2 * u + k]!);
      next[k] = o * Math.tanh(c[k]!);
    }
    h = next;
  }
  let out = w.denseBias;
  for (let k = 0; k < u; k++) out += h[k]! * w.dense[k]!;
  for (let j = 0; j < calendar.length; j++) out += calendar[j]! * w.dense[u + j]!;
  return levelOf(z, t, s) + out;
}
