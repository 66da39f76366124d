import { fileURLToPath } from 'node:url';

/**
 * The `arima` package's parts, reachable under names of our own. Its `exports` map offers
 * only a promise-valued CommonJS module ('arima/async'), which a dynamic import() cannot
 * return (the namespace exposes `then`), and which binds Emscripten's printout to the
 * console. Composing the parts ourselves lets the forecast worker pass its own `print`.
 */
const part = (file: string) => fileURLToPath(new URL(`node_modules/arima/${file}`, import.meta.url));

export const arimaAliases = {
  'arima-emscripten': part('wasm/native-async.js'),
  'arima-binary': part('wrapper/native.bin.js'),
  'arima-bindings': part('load.js'),
};
