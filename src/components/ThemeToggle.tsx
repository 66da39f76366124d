import { For, type JSX } from 'solid-js';
import { colourScheme, setThemeChoice, THEME_CHOICES, themeChoice, type ThemeChoice } from '../state/theme';

const WORDS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark or the system's choice; kept in this browser. */
export function ThemeToggle(): JSX.Element {
  return (
    <label class="theme-toggle">
      <span>Theme</span>
      <select
        value={themeChoice()}
        onChange={(e) => setThemeChoice(e.currentTarget.value as ThemeChoice)}
        data-testid="theme-toggle"
        data-scheme={colourScheme()}
      >
        <For each={THEME_CHOICES}>{(c) => <option value={c}>{WORDS[c]}</option>}</For>
      </select>
    </label>
  );
}
