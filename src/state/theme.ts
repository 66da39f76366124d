import { createRoot, createSignal, type Accessor } from 'solid-js';

/** What the user picked: follow the system, or always light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';
/** The scheme the page is drawn in. */
export type ColourScheme = 'light' | 'dark';

export const THEME_KEY = 'tillsight:theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (privacy mode): the choice lasts for the visit only
  }
}

function parseChoice(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

function readChoice(): ThemeChoice {
  try {
    return parseChoice(storage()?.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

/** The scheme a choice gives when the system asks for `system`. */
export function effectiveScheme(choice: ThemeChoice, system: ColourScheme): ColourScheme {
  return choice === 'system' ? system : choice;
}

interface ThemeStore {
  choice: Accessor<ThemeChoice>;
  scheme: Accessor<ColourScheme>;
  setChoice(choice: ThemeChoice): void;
}

const store = createRoot((): ThemeStore => {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  let system: ColourScheme = query?.matches ? 'dark' : 'light';
  const [choice, setChoiceSignal] = createSignal<ThemeChoice>(readChoice());
  const [scheme, setScheme] = createSignal<ColourScheme>(effectiveScheme(choice(), system));

  // The attribute is set before the signal changes, not in an effect: the charts' option memos
  // run before any effect and read their axis colours from the page's CSS, which must already
  // be the new scheme's.
  const apply = () => {
    // Asked now, not remembered: the system may have changed before its change event arrives.
    if (query) system = query.matches ? 'dark' : 'light';
    const next = effectiveScheme(choice(), system);
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = next;
    setScheme(next);
  };
  // At module load, before the app renders: the first frame the app draws is in the right scheme.
  apply();

  query?.addEventListener('change', (e) => {
    system = e.matches ? 'dark' : 'light';
    apply();
  });
  // Another tab changed the choice: follow it, so two open tabs never disagree.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key !== THEME_KEY) return;
      setChoiceSignal(parseChoice(e.newValue));
      apply();
    });
  }

  return {
    choice,
    scheme,
    setChoice(next) {
      setChoiceSignal(next);
      try {
        if (next === 'system') storage()?.removeItem(THEME_KEY);
        else storage()?.setItem(THEME_KEY, next);
      } catch {
        // Quota or privacy mode: the choice still holds for this visit.
      }
      apply();
    },
  };
});

/**
 * The scheme the page is drawn in (the user's choice, else the system's), as a signal, so
 * charts can redraw in the new colours.
 */
export const colourScheme: Accessor<ColourScheme> = store.scheme;
/** The user's theme choice (System, Light or Dark). */
export const themeChoice: Accessor<ThemeChoice> = store.choice;
/** Sets and saves the theme choice. */
export const setThemeChoice = (choice: ThemeChoice): void => store.setChoice(choice);
