import type { JSX } from 'solid-js';

/** App, engine and storage facts kept on the device (placeholder until the diagnostics work lands). */
export function DiagnosticsPage(): JSX.Element {
  return <main id="main" tabindex="-1" />;
}
