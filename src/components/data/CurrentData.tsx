import { createResource, createSignal, Show, type JSX } from 'solid-js';
import { removeSaved, setActive, storageReport } from '../../data/storage/saved-dataset';
import { count, day } from '../../format';
import { datasetStore } from '../../state/dataset';
import { importSession } from '../../state/import-session';

function size(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown';
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** The data the app is answering for, what is saved in the browser, and one-click demo / remove. */
export function CurrentData(): JSX.Element {
  const [version, setVersion] = createSignal(0);
  const [storage] = createResource(
    // Again when the data changes and when an import's save finishes.
    () => [version(), datasetStore.dataset()?.key, importSession.outcome()?.saved] as const,
    async () => {
      const report = await storageReport().catch(() => undefined);
      return { report, manifest: report?.manifest };
    },
  );
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string>();
  const d = () => datasetStore.dataset();

  async function act(work: () => Promise<void>, done: string): Promise<void> {
    setBusy(true);
    setMessage(undefined);
    try {
      await work();
      setMessage(done);
      datasetStore.announce();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      setVersion(version() + 1);
    }
  }

  const backToDemo = () =>
    act(async () => {
      await setActive('demo');
      await datasetStore.useDemo();
    }, 'The demo data is open. Your saved data is kept: “Open my saved data” brings it back.');
  const openSaved = () =>
    act(async () => {
      await setActive('import');
      location.reload();
    }, 'Opening your saved data…');
  const remove = () =>
    act(async () => {
      await removeSaved();
      if (datasetStore.dataset()?.origin === 'import') await datasetStore.useDemo();
    }, 'Your data was removed from this browser. The demo data is open.');

  return (
    <section
      class="card current-data"
      aria-labelledby="current-title"
      data-testid="current-data"
      data-origin={d()?.origin ?? ''}
    >
      <h2 class="card-title" id="current-title">
        Data in use
      </h2>
      <Show when={datasetStore.changedElsewhere()}>
        <p class="notice" role="status">
          Your data was changed in another Tillsight tab.{' '}
          <button type="button" class="link-button" onClick={() => location.reload()}>
            Reload to see it
          </button>
        </p>
      </Show>
      <Show when={datasetStore.notice()}>
        {(n) => (
          <p class="notice" role="status">
            {n()}
          </p>
        )}
      </Show>
      <Show when={d()} fallback={<p class="muted">Starting the data engine…</p>}>
        {(data) => (
          <p>
            <strong>{data().origin === 'demo' ? 'Demo data' : 'Your data'}:</strong> {data().name} —{' '}
            {count(data().profile.salesRows)} sales lines, {day(data().profile.firstTs)} to {day(data().profile.lastTs)}
            {data().profile.productRows > 0 ? `, ${count(data().profile.productRows)} products` : ''}.
          </p>
        )}
      </Show>
      <Show when={storage()?.report}>
        {(r) => (
          <p class="muted" data-testid="storage-used" data-bytes={r().savedBytes}>
            Saved in this browser: {r().savedBytes > 0 ? size(r().savedBytes) : 'nothing'} (
            {r().backend === 'opfs' ? 'private file storage' : 'IndexedDB'}
            {r().persisted ? ', kept even when space runs low' : ''}). This site uses {size(r().usage)} of{' '}
            {size(r().quota)} the browser allows.
          </p>
        )}
      </Show>
      <div class="button-row">
        <Show when={d()?.origin === 'import'}>
          <button
            type="button"
            class="button"
            disabled={busy()}
            onClick={() => void backToDemo()}
            data-testid="use-demo"
          >
            Back to demo data
          </button>
        </Show>
        <Show when={d()?.origin === 'demo' && storage()?.manifest}>
          <button
            type="button"
            class="button"
            disabled={busy()}
            onClick={() => void openSaved()}
            data-testid="use-saved"
          >
            Open my saved data
          </button>
        </Show>
        <Show when={storage()?.manifest}>
          <button
            type="button"
            class="button button-danger"
            disabled={busy()}
            onClick={() => void remove()}
            data-testid="remove-data"
          >
            Remove my data
          </button>
        </Show>
      </div>
      <Show when={message()}>{(m) => <p role="status">{m()}</p>}</Show>
    </section>
  );
}
