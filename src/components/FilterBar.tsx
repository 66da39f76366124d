import { createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import type { Grain } from '../data/filters';
import { isIsoDate } from '../data/filters';
import { spanOf } from '../data/periods';
import { datasetStore } from '../state/dataset';
import type { FilterStore } from '../state/filters';
import { matchPreset, PRESETS, presetRange, type PresetId } from '../state/presets';
import { MultiSelect } from './MultiSelect';

/** The global filters: period (presets or custom dates), categories, regions and time grain. */
export function FilterBar(props: { store: FilterStore }): JSX.Element {
  const f = () => props.store.filters();
  const span = () => {
    const p = datasetStore.dataset()?.profile;
    return p ? spanOf(p.firstTs, p.lastTs) : undefined;
  };
  const preset = () => matchPreset(f().from, f().to, span()?.to);
  let fromInput: HTMLInputElement | undefined;
  const choosePreset = (id: string) => {
    const last = span()?.to;
    if (id === 'custom') {
      fromInput?.focus(); // a custom range is typed in the date fields
      return;
    }
    if (!last) return;
    const r = presetRange(id as PresetId, last);
    props.store.update({ from: r.from, to: r.to });
  };
  // A date field reports every keystroke that forms a date (typing a year passes 0002, 0020,
  // 0202…), so a date is applied once it is plausible, after a pause, or when the field is left.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const setDate = (which: 'from' | 'to', value: string, now = false) => {
    clearTimeout(pending);
    if (value !== '' && (!isIsoDate(value) || Number(value.slice(0, 4)) < 1900)) return;
    const apply = () => {
      const next = { ...f(), [which]: value || undefined };
      // A range typed backwards is turned round rather than thrown away.
      if (next.from && next.to && next.from > next.to) props.store.update({ from: next.to, to: next.from });
      else props.store.update({ [which]: value || undefined });
    };
    if (now) apply();
    else pending = setTimeout(apply, 700);
  };
  onCleanup(() => clearTimeout(pending));
  // On a phone the bar folds behind one button (CSS shows the button only on narrow screens).
  const [open, setOpen] = createSignal(false);
  const active = () =>
    [f().from || f().to, f().categories.length, f().regions.length, f().grain !== 'month'].filter(Boolean).length;
  return (
    <form
      class="filter-bar"
      classList={{ folded: !open() }}
      aria-label="Filters"
      onSubmit={(e) => e.preventDefault()}
      data-testid="filter-bar"
    >
      <button type="button" class="filter-toggle button" aria-expanded={open()} onClick={() => setOpen(!open())}>
        Filters{active() ? ` (${active()} active)` : ''}
      </button>
      <label class="field">
        <span class="filter-label">Period</span>
        <select data-testid="filter-preset" value={preset()} onChange={(e) => choosePreset(e.currentTarget.value)}>
          <For each={PRESETS}>{(p) => <option value={p.id}>{p.label}</option>}</For>
          <option value="custom">Custom range</option>
        </select>
      </label>
      <label class="field">
        <span class="filter-label">From</span>
        <input
          ref={fromInput}
          type="date"
          data-testid="filter-from"
          value={f().from ?? ''}
          min={span()?.from}
          max={f().to ?? span()?.to}
          onInput={(e) => setDate('from', e.currentTarget.value)}
          onBlur={(e) => e.currentTarget.value !== (f().from ?? '') && setDate('from', e.currentTarget.value, true)}
          onKeyDown={(e) => e.key === 'Enter' && setDate('from', e.currentTarget.value, true)}
        />
      </label>
      <label class="field">
        <span class="filter-label">To</span>
        <input
          type="date"
          data-testid="filter-to"
          value={f().to ?? ''}
          min={f().from ?? span()?.from}
          max={span()?.to}
          onInput={(e) => setDate('to', e.currentTarget.value)}
          onBlur={(e) => e.currentTarget.value !== (f().to ?? '') && setDate('to', e.currentTarget.value, true)}
          onKeyDown={(e) => e.key === 'Enter' && setDate('to', e.currentTarget.value, true)}
        />
      </label>
      <MultiSelect
        label="Categories"
        noun="categories"
        options={datasetStore.dataset()?.profile.categories ?? []}
        selected={f().categories}
        onChange={(categories) => props.store.update({ categories })}
        testId="filter-category"
      />
      <MultiSelect
        label="Regions"
        noun="regions"
        options={datasetStore.dataset()?.profile.regions ?? []}
        selected={f().regions}
        onChange={(regions) => props.store.update({ regions })}
        testId="filter-region"
      />
      <label class="field">
        <span class="filter-label">Grain</span>
        <select
          data-testid="filter-grain"
          value={f().grain}
          onChange={(e) => props.store.update({ grain: e.currentTarget.value as Grain })}
        >
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
      </label>
      <Show when={f().from || f().to || f().categories.length || f().regions.length || f().grain !== 'month'}>
        <button
          type="button"
          class="link-button"
          data-testid="filter-clear"
          onClick={() => {
            props.store.clear();
            // The button goes away with the filters: keep keyboard focus in the bar.
            document.querySelector<HTMLElement>('[data-testid="filter-preset"]')?.focus();
          }}
        >
          Clear filters
        </button>
      </Show>
    </form>
  );
}
