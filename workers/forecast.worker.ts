import { expose } from 'comlink';
import { forecastWorkerApi } from '../src/ml/forecast/worker-impl';

// A thin adapter: the models live in src/ml/forecast and run unchanged in Node tests.
expose(forecastWorkerApi);
