/* global localStorage, document, matchMedia */
// Sets the scheme before the first paint: a saved Light or Dark choice, else the system's, so the
// page never flashes in the wrong one. A file, not an inline script: the Content-Security-Policy
// allows none. src/state/theme.ts takes over once the app has loaded (same key, same values).
(function () {
  var choice = null;
  try {
    choice = localStorage.getItem('tillsight:theme');
  } catch {
    // No storage (privacy mode): the system's scheme applies, as with the System choice.
  }
  var dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
