import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/expected';

/** The peer's step times in seconds, by step name (see shared/bench/peer/peer.py). */
export type PeerSteps = Record<string, number>;

const PEER = path.resolve(ROOT, '../shared/bench/peer/peer.py');
const PYTHON = '/usr/bin/python3';

/** True when the peer and Debian's pandas/sklearn/statsmodels are there to run it. */
export function peerAvailable(): boolean {
  if (!existsSync(PEER) || !existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import pandas, sklearn, statsmodels'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the peer on the same data. peer.py reads `date` and `order_id`; our file calls them
 * `ts` and `transaction_id`, so the peer gets a copy with only the header line renamed.
 */
export function runPeer(salesFile: string): PeerSteps {
  const copy = path.join(ROOT, 'tests/.tmp', `peer-${path.basename(salesFile)}`);
  const text = readFileSync(salesFile, 'utf8');
  const newline = text.indexOf('\n');
  const header = text.slice(0, newline).replace(/^transaction_id,ts,/, 'order_id,date,');
  writeFileSync(copy, header + text.slice(newline));
  const out = execFileSync(PYTHON, [PEER, copy, '--json', `${copy}.json`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const steps: PeerSteps = {};
  for (const m of out.matchAll(/^\[time\] (\S+): ([\d.]+)s$/gm)) steps[m[1] ?? ''] = Number(m[2]);
  return steps;
}
