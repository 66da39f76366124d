// The e2e tests and benchmarks use the preview server itself, so they run with the deployed headers (CSP included).
export { serveStatic, type ServeOptions, type StaticServer } from '../../deploy/static-server.ts';
