import { createRoot, createSignal, type Accessor } from 'solid-js';

const KEY = 'tillsight:settings:v1';

/** What is kept between visits. */
interface Stored {
  pseudonymiseExports: boolean;
  salt: string;
}

/** App settings kept in this browser. */
export interface SettingsStore {
  /** Whether exports replace customer ids with salted-hash pseudonyms. */
  pseudonymiseExports: Accessor<boolean>;
  setPseudonymiseExports(on: boolean): void;
  /** This browser's random salt: the same id gets the same pseudonym on every export here, and another elsewhere. */
  salt: string;
}

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (privacy mode): settings last for the visit only
  }
}

/** 128 random bits as hex: enough that nobody can rebuild the id → pseudonym table by guessing the salt. */
export function newSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function read(storage: Storage | undefined): Partial<Stored> {
  try {
    const raw = storage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    if (!parsed || typeof parsed !== 'object') return {};
    const { pseudonymiseExports, salt } = parsed as Record<string, unknown>;
    return {
      pseudonymiseExports: typeof pseudonymiseExports === 'boolean' ? pseudonymiseExports : undefined,
      salt: typeof salt === 'string' && /^[0-9a-f]{32}$/.test(salt) ? salt : undefined,
    };
  } catch {
    return {}; // unreadable or corrupt: start from the defaults
  }
}

function write(storage: Storage | undefined, value: Stored): void {
  try {
    storage?.setItem(KEY, JSON.stringify(value));
  } catch {
    // Quota or privacy mode: the setting still holds for this visit.
  }
}

/** Settings over a storage (tests pass their own); must run inside a reactive root. */
export function createSettings(storage: Storage | undefined = defaultStorage()): SettingsStore {
  const stored = read(storage);
  // Created once and kept: a new salt would give everyone new pseudonyms, breaking joins across exports.
  const salt = stored.salt ?? newSalt();
  const [pseudonymiseExports, setOn] = createSignal(stored.pseudonymiseExports ?? false);
  if (!stored.salt) write(storage, { pseudonymiseExports: pseudonymiseExports(), salt });
  return {
    pseudonymiseExports,
    setPseudonymiseExports(on) {
      setOn(on);
      write(storage, { pseudonymiseExports: on, salt });
    },
    salt,
  };
}

/** The app's settings, persisted in localStorage. */
export const settings = createRoot(() => createSettings());
