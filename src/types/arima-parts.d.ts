// The parts of the `arima` package composed in src/ml/forecast/arima.ts (see arima-aliases.ts).
declare module 'arima-emscripten' {
  const createModule: (options: {
    wasmBinary: Uint8Array;
    print?: (line: string) => void;
    printErr?: (line: string) => void;
  }) => Promise<unknown>;
  export default createModule;
}
declare module 'arima-binary' {
  const binary: Uint8Array;
  export default binary;
}
declare module 'arima-bindings' {
  const bind: (module: unknown) => unknown;
  export default bind;
}
