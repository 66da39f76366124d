import { createRoot, createSignal } from 'solid-js';

/** The colour scheme the system asks for, as a signal, so charts can redraw in the new colours. */
export const colourScheme = createRoot(() => {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  const [scheme, setScheme] = createSignal<'light' | 'dark'>(query?.matches ? 'dark' : 'light');
  query?.addEventListener('change', (e) => setScheme(e.matches ? 'dark' : 'light'));
  return scheme;
});
