/** Reporting helpers shared by the browser benchmarks. */
import { executeServerCommand } from '@web/test-runner-commands';

export interface BenchResult {
  /** What was measured, e.g. "search: keystroke → results (10,000 services)". */
  name: string;
  /** Median in milliseconds. */
  median: number;
  /** 95th percentile in milliseconds. */
  p95: number;
  samples: number;
  /** Target in milliseconds, when the issue names one. */
  target?: number;
}

export function summarize(name: string, samples: number[], target?: number): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { name, median: at(0.5), p95: at(0.95), samples: sorted.length, ...(target ? { target } : {}) };
}

/** Hands a result to the benchmark runner, which writes BENCHMARKS.md. */
export async function report(result: BenchResult): Promise<void> {
  await executeServerCommand('ozg-bench-result', result);
}

/**
 * Times `fn` after `warmup` untimed calls; returns `runs` samples in ms. The browser's clock is coarse
 * (0.1 ms), so for fast work each sample is the mean of `batch` consecutive calls.
 */
export function time(fn: (i: number) => void, runs: number, warmup = 5, batch = 1): number[] {
  for (let i = 0; i < warmup; i += 1) fn(i);
  const samples: number[] = [];
  let call = 0;
  for (let r = 0; r < runs; r += 1) {
    const t0 = performance.now();
    for (let b = 0; b < batch; b += 1) fn((call += 1));
    samples.push((performance.now() - t0) / batch);
  }
  return samples;
}
