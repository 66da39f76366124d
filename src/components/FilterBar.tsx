import { For, Show, type JSX } from 'solid-js';
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
  const choosePreset = (id: string) => {
    const last = span()?.to;
    if (id === 'custom' || !last) return;
    const r = presetRange(id as PresetId, last);
    props.store.update({ from: r.from, to: r.to });
  };
  const setDate = (which: 'from' | 'to', value: string) => {
    if (value === '' || isIsoDate(value)) props.store.update({ [which]: value || undefined });
  };
  return (
    <form class="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-testid="filter-bar">
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
          type="date"
          data-testid="filter-from"
          value={f().from ?? ''}
          min={span()?.from}
          max={f().to ?? span()?.to}
          onChange={(e) => setDate('from', e.currentTarget.value)}
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
          onChange={(e) => setDate('to', e.currentTarget.value)}
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
        <select data-testid="filter-grain" value={f().grain} onChange={(e) => props.store.update({ grain: e.currentTarget.value as Grain })}>
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
      </label>
      <Show when={f().from || f().to || f().categories.length || f().regions.length || f().grain !== 'month'}>
        <button type="button" class="link-button" data-testid="filter-clear" onClick={() => props.store.clear()}>
          Clear filters
        </button>
      </Show>
    </form>
  );
}
