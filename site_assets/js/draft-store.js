// Where the form's draft is kept in this browser: localStorage, one key. Every call survives a blocked or full
// storage (private mode, quota): it returns false / null instead of throwing, and the page says so.
const KEY = "smpls-draft";
const BACKUP_KEY = "smpls-draft-before-import";
const NO_STORE_KEY = "smpls-no-store"; // "1" when the user chose not to keep the draft on this computer

/** localStorage, or null where access itself throws (blocked cookies). Shared with the self-check page. */
export function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // access itself can throw (blocked cookies)
  }
}

function read(key) {
  const s = storage();
  if (!s) return null;
  try {
    const text = s.getItem(key);
    if (!text) return null;
    const value = JSON.parse(text);
    return value && typeof value === "object" && value.draft && typeof value.draft === "object" ? value : null;
  } catch {
    return null;
  }
}

function write(key, draft) {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), draft }));
    return true;
  } catch {
    return false; // QuotaExceededError and friends
  }
}

function remove(key) {
  const s = storage();
  if (!s) return false;
  try {
    s.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

export const draftStore = {
  key: KEY,
  /** {savedAt, draft} or null */
  load: () => read(KEY),
  save: (draft) => write(KEY, draft),
  clear: () => remove(KEY) && remove(BACKUP_KEY),
  loadBackup: () => read(BACKUP_KEY),
  saveBackup: (draft) => write(BACKUP_KEY, draft),
  available() {
    const s = storage();
    if (!s) return false;
    try {
      s.setItem("smpls-probe", "1");
      s.removeItem("smpls-probe");
      return true;
    } catch {
      return false;
    }
  },
  noStore() {
    const s = storage();
    try {
      return !!s && s.getItem(NO_STORE_KEY) === "1";
    } catch {
      return false;
    }
  },
  setNoStore(on) {
    const s = storage();
    if (!s) return false;
    try {
      if (on) s.setItem(NO_STORE_KEY, "1");
      else s.removeItem(NO_STORE_KEY);
      return true;
    } catch {
      return false;
    }
  },
};
