/**
 * Seeded pseudo-random numbers. The generator must be byte-reproducible from a seed,
 * so nothing in data/ may touch Math.random.
 */

/** One step of splitmix32: a good integer mixer for turning any seed into well-spread state. */
export function splitmix32(state: number): { value: number; next: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { value: z >>> 0, next };
}

/** Combines a numeric seed and a stream label into an independent 32-bit seed (FNV-1a + splitmix). */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  }
  // Mix the whole seed, not just its low 32 bits, so large seeds still differ.
  const hi = Math.floor(seed / 4294967296) | 0;
  return splitmix32((h ^ (seed | 0) ^ Math.imul(hi, 0x27d4eb2d)) | 0).value;
}

/** Inclusive running totals of `weights`, the lookup table for {@link searchCumulative}. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] ?? 0;
    out[i] = sum;
  }
  return out;
}

/** First index in [lo, hi] whose inclusive running total exceeds `u` (hi if none, guarding rounding). */
export function searchCumulative(cum: ArrayLike<number>, u: number, lo = 0, hi = cum.length - 1): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((cum[mid] ?? 0) > u) b = mid;
    else a = mid + 1;
  }
  return a;
}

/** sfc32 generator (small, fast, passes PractRand) with the distributions the simulator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = splitmix32(s);
      words.push(step.value | 0);
      s = step.next;
    }
    this.a = words[0] ?? 0;
    this.b = words[1] ?? 0;
    this.c = words[2] ?? 0;
    this.d = words[3] ?? 1;
    // Discard the first outputs: sfc32 needs a few rounds to decorrelate from its seed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Normal deviate via Box-Muller (the spare value is dropped to keep the state simple). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.uniform(); // (0, 1], so log never sees 0
    const u2 = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal deviate: exp of a normal with the given log-space mean and sd. */
  lognormal(mu = 0, sigma = 1): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Poisson count: Knuth's product method for small lambda, a rounded normal for large. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Index drawn in proportion to the weights behind a {@link cumulative} table. */
  pickCumulative(cum: ArrayLike<number>, lo = 0, hi = cum.length - 1): number {
    const base = lo > 0 ? (cum[lo - 1] ?? 0) : 0;
    const top = cum[hi] ?? 0;
    return searchCumulative(cum, base + (top - base) * this.uniform(), lo, hi);
  }

  /** Index drawn in proportion to `weights` (builds the table each call: use for short lists). */
  pickWeighted(weights: ArrayLike<number>): number {
    return this.pickCumulative(cumulative(weights));
  }

  /** Uniformly chosen element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.uniform() * items.length)];
    if (item === undefined) throw new RangeError('pick() needs a non-empty list');
    return item;
  }

  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
