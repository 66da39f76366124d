/** One histogram bin: its bounds (lower inclusive) and how many values fell in it. */
export interface Bin {
  lower: number;
  upper: number;
  count: number;
}

/** Integer bins 1, 2, …, `cap`+ (orders per customer): the last bin holds everything above. */
export function countBins(values: ArrayLike<number>, cap = 10): Bin[] {
  const bins: Bin[] = Array.from({ length: cap }, (_, i) => ({ lower: i + 1, upper: i + 2, count: 0 }));
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i]!);
    if (v < 1) continue;
    bins[Math.min(cap, v) - 1]!.count++;
  }
  return bins;
}

/** Log-spaced bins over the positive values (money is skewed: a few customers spend 100× the typical). */
export function logBins(values: ArrayLike<number>, count = 12): Bin[] {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > 0 && Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi > 0)) return [];
  if (hi === lo)
    return [
      {
        lower: lo,
        upper: hi,
        count: Array.from({ length: values.length }, (_, i) => values[i]!).filter((v) => v > 0).length,
      },
    ];
  const a = Math.log(lo);
  const step = (Math.log(hi) - a) / count;
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({
    lower: Math.exp(a + i * step),
    upper: Math.exp(a + (i + 1) * step),
    count: 0,
  }));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v > 0) || !Number.isFinite(v)) continue;
    bins[Math.min(count - 1, Math.floor((Math.log(v) - a) / step))]!.count++;
  }
  return bins;
}
