import { render } from 'solid-js/web';
import { App } from './App';
import { installChunkRecovery } from './chunk-recovery';
import { pwaState } from './pwa';
import { datasetStore } from './state/dataset';
import './styles.css';

performance.mark('tillsight:boot');
installChunkRecovery();
const root = document.getElementById('root');
if (!root) throw new Error('Tillsight: #root is missing from index.html');
render(() => <App />, root);
// The shell is on screen; the engine starts after it, never before the first paint.
datasetStore.start();
pwaState.register();
