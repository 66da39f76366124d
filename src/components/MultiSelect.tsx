import { For, Show, type JSX } from 'solid-js';

interface MultiSelectProps {
  label: string;
  /** Plural noun for the summary, e.g. "categories". */
  noun: string;
  options: readonly string[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  testId: string;
}

/** A keyboard-friendly multi-select: a disclosure holding a checkbox per value. Empty = all. */
export function MultiSelect(props: MultiSelectProps): JSX.Element {
  const summary = () => {
    const n = props.selected.length;
    if (n === 0) return `All ${props.noun}`;
    if (n <= 2) return props.selected.join(', ');
    return `${n} ${props.noun}`;
  };
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...props.selected, value] : props.selected.filter((v) => v !== value);
    // Keep the data's order, so the URL and the label read the same way every time.
    props.onChange(props.options.filter((o) => next.includes(o)));
  };
  let details!: HTMLDetailsElement;
  let summaryEl!: HTMLElement;
  const close = (refocus: boolean) => {
    if (!details.open) return;
    details.open = false;
    if (refocus) summaryEl.focus();
  };
  return (
    <details
      ref={details}
      class="multi"
      data-testid={props.testId}
      onKeyDown={(e) => e.key === 'Escape' && close(true)}
      // Close when focus leaves the panel, so two panels never sit on top of each other.
      onFocusOut={(e) => !details.contains(e.relatedTarget as Node | null) && close(false)}
    >
      <summary ref={summaryEl}>
        <span class="filter-label">{props.label}</span> <span class="multi-value">{summary()}</span>
      </summary>
      <fieldset>
        <legend class="sr-only">{props.label}</legend>
        <For each={props.options}>
          {(option) => (
            <label class="check">
              <input
                type="checkbox"
                value={option}
                checked={props.selected.includes(option)}
                onChange={(e) => toggle(option, e.currentTarget.checked)}
              />
              {option}
            </label>
          )}
        </For>
        <Show when={props.selected.length > 0}>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              props.onChange([]);
              summaryEl.focus(); // this button goes away once nothing is selected
            }}
          >
            All {props.noun}
          </button>
        </Show>
      </fieldset>
    </details>
  );
}
