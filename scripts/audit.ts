import { spawnSync } from 'node:child_process';

/**
 * CI's dependency gate: `npm audit --omit=dev` must report no high or critical vulnerability in
 * what ships to users. Found vulnerabilities fail the run, and so does any answer this script
 * cannot read. One case is reported instead of failed: the registry's advisory service answering
 * with an HTTP error (a mirror that refuses the POST, as this project's build machines' registry
 * does with 405). The gate then prints "audit: not run" with that answer, never a pass.
 */
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report: {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
  statusCode?: number;
  message?: string;
};
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  console.log(
    `audit: FAILED: npm audit printed no JSON: ${(run.stderr || run.stdout || String(run.error)).slice(0, 400)}`,
  );
  process.exit(1);
}

const counts = report.metadata?.vulnerabilities;
if (!counts) {
  console.log(
    `audit: not run: the advisory service answered ${report.statusCode ?? '?'} (${report.message ?? 'no message'})`,
  );
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `audit (production dependencies): ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity}: ${name}`);
  }
  console.log('audit: FAILED: high or critical vulnerabilities in production dependencies');
  process.exit(1);
}
