import { createUniqueId, type JSX } from 'solid-js';
import { settings } from '../state/settings';

/** The export settings: whether downloads replace customer ids with pseudonyms. */
export function ExportOptions(): JSX.Element {
  const helpId = createUniqueId();
  return (
    <div class="export-options">
      <label class="check">
        <input
          type="checkbox"
          data-testid="pseudonymise-exports"
          checked={settings.pseudonymiseExports()}
          onChange={(e) => settings.setPseudonymiseExports(e.currentTarget.checked)}
          aria-describedby={helpId}
        />
        Pseudonymise customer ids in exports
      </label>
      <p class="muted export-help" id={helpId}>
        Each customer id becomes a 16-character code, the same in every export from this browser. The code is a salted
        hash whose salt never leaves this browser, so whoever receives a file cannot turn it back into the id.
      </p>
    </div>
  );
}
