// Where the form's draft is kept in this browser: localStorage, one key. Every call survives a blocked or full
// storage (private mode, quota): it returns false / null instead of throwing, and the page says so
// (`lastError` says which: "blocked" or "full"). A saved draft that cannot be read is never written over: it is
// first moved aside, unchanged, under a key of its own (ASIDE_KEY, then ASIDE_KEY-2 …), and the form offers it.
const KEY = "smpls-draft";
const BACKUP_KEY = "smpls-draft-before-import";
const NO_STORE_KEY = "smpls-no-store"; // "1" when the user chose not to keep the draft on this computer
const ASIDE_KEY = "smpls-draft-unreadable";

/** localStorage, or null where access itself throws (blocked cookies). Shared with the self-check page. */
export function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // access itself can throw (blocked cookies)
  }
}

/** {savedAt, draft} from a stored text, or null when it is not one. */
function parse(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && value.draft && typeof value.draft === "object" ? value : null;
  } catch {
    return null;
  }
}

function read(key) {
  const s = storage();
  if (!s) return null;
  try {
    const text = s.getItem(key);
    return text ? parse(text) : null;
  } catch {
    return null;
  }
}

/** "full" for a quota error (the browser's name for it varies), else "blocked". */
function reason(err) {
  const name = (err && err.name) || "";
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (err && err.code === 22) ? "full" : "blocked";
}

function write(key, draft) {
  const s = storage();
  if (!s) return fail("blocked");
  try {
    if (key === KEY && !moveAsideUnreadable(s)) return fail("unreadable");
    s.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), draft }));
    draftStore.lastError = "";
    return true;
  } catch (err) {
    return fail(reason(err)); // QuotaExceededError and friends
  }
}

function fail(why) {
  draftStore.lastError = why;
  return false;
}

/** The keys holding drafts that could not be read, in the order they were moved aside. */
function asideKeys(s) {
  const keys = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k === ASIDE_KEY || (k && k.startsWith(`${ASIDE_KEY}-`))) keys.push(k);
  }
  const n = (k) => (k === ASIDE_KEY ? 1 : Number(k.slice(ASIDE_KEY.length + 1)) || 0);
  return keys.sort((a, b) => n(a) - n(b));
}

/**
 * When the draft's key holds text that cannot be read, copy it unchanged to a key of its own and only then remove
 * it. True when the key is now free to write (nothing unreadable there); false when the copy could not be made
 * (then nothing is removed, and nothing may be written over it). Throws what storage throws.
 */
function moveAsideUnreadable(s) {
  const text = s.getItem(KEY);
  if (!text || parse(text)) return true;
  const keys = asideKeys(s);
  for (const k of keys) {
    if (s.getItem(k) === text) {
      s.removeItem(KEY); // already kept
      return true;
    }
  }
  let n = keys.length + 1;
  let key = n === 1 ? ASIDE_KEY : `${ASIDE_KEY}-${n}`;
  while (s.getItem(key) !== null) key = `${ASIDE_KEY}-${++n}`;
  try {
    s.setItem(key, text);
  } catch {
    return false;
  }
  if (s.getItem(key) !== text) return false;
  s.removeItem(KEY);
  return true;
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
  lastError: "", // why the last write failed: "blocked", "full" or "unreadable" (a draft that could not be moved aside)
  /** {savedAt, draft} or null */
  load: () => read(KEY),
  /**
   * Moves a saved draft that cannot be read aside (see moveAsideUnreadable), then lists every draft kept aside:
   * [{key, text}]. `stuck` is the unreadable text still under the draft's key when it could not be copied.
   */
  unreadable() {
    const s = storage();
    if (!s) return { aside: [], stuck: null };
    try {
      const moved = moveAsideUnreadable(s);
      return { aside: asideKeys(s).map((key) => ({ key, text: s.getItem(key) })), stuck: moved ? null : s.getItem(KEY) };
    } catch {
      return { aside: [], stuck: null };
    }
  },
  /** Removes one draft kept aside (the user downloaded it or does not want it). */
  dropAside: (key) => (key === ASIDE_KEY || key.startsWith(`${ASIDE_KEY}-`)) && remove(key),
  save: (draft) => write(KEY, draft),
  /** Removes the draft and its copy from before an import; a draft that cannot be read stays until moved aside. */
  clear() {
    const s = storage();
    if (!s) return false;
    try {
      if (!moveAsideUnreadable(s)) return remove(BACKUP_KEY) && false;
    } catch {
      return false;
    }
    return remove(KEY) && remove(BACKUP_KEY);
  },
  loadBackup: () => read(BACKUP_KEY),
  saveBackup: (draft) => write(BACKUP_KEY, draft),
  /** Whether a write works now; when not, `lastError` says why. */
  available() {
    const s = storage();
    if (!s) return fail("blocked");
    try {
      s.setItem("smpls-probe", "1");
      s.removeItem("smpls-probe");
      return true;
    } catch (err) {
      return fail(reason(err));
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
