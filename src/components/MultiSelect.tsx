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
  return (
    <details class="multi" data-testid={props.testId}>
      <summary>
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
          <button type="button" class="link-button" onClick={() => props.onChange([])}>
            All {props.noun}
          </button>
        </Show>
      </fieldset>
    </details>
  );
}
