/* global localStorage, document */
// Applies a saved Light or Dark choice before the first paint, so the page never flashes in the
// system's scheme first. A file, not an inline script: the Content-Security-Policy allows none.
// src/state/theme.ts takes over once the app has loaded (same key, same values).
try {
  var choice = localStorage.getItem('tillsight:theme');
  if (choice === 'light' || choice === 'dark') document.documentElement.dataset.theme = choice;
} catch {
  // No storage (privacy mode): the system's scheme applies, as with the System choice.
}
