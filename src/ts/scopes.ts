// Scopes decide which handles `ex.tidy` and `ex.scope()` free when they end.
//
// A scope owns the handles created while it is the innermost open scope of the running
// code. Where the platform has an async context (Node's AsyncLocalStorage), "the running
// code" follows `await`: a scope opened in an async function stays its current scope after
// every await, and two such functions running interleaved never see each other's scopes.
// Elsewhere (browsers, until TC39 AsyncContext ships with a way to enter a value, which
// `using` needs) there is one stack per realm, so a scope also collects what other tasks
// create while it is the innermost one; README's memory guide spells out the consequences.
import { ExTensorError } from './errors.js';
import { DISPOSE, platform } from './platform.js';
import type { AsyncContext } from './platform.js';
import type { ExTensor } from './tensor.js';
import type { Scope as PublicScope } from './api.js';

/** Throws unless `value` is a live ExTensor (INVALID_ARGUMENT, or FREED). */
type CheckTensor = (op: string, value: unknown) => unknown;

class ScopeRecord {
  /** The scope that was current when this one opened (may have ended since). */
  declare parent: ScopeRecord | null;
  /** Handles this scope frees when it ends. */
  declare handles: Set<ExTensor>;
  declare open: boolean;

  constructor(parent: ScopeRecord | null) {
    this.parent = parent;
    this.handles = new Set();
    this.open = true;
  }
}

/** tensor -> the ScopeRecord that owns it. */
const owners = new WeakMap<ExTensor, ScopeRecord>();

/**
 * While a tidy's function runs, its scope (or a scope opened inside it) is current whatever
 * the async context says. tidy is synchronous, so it needs no async context, and programs
 * that only use tidy never create one: in Node 20 an AsyncLocalStorage in use slows every
 * promise in the process.
 */
let syncTop: ScopeRecord | null = null;
/** The realm-wide current scope, where there is no async context. */
let stackTop: ScopeRecord | null = null;
/** An AsyncLocalStorage, made by the first ex.scope() so programs without one pay nothing. */
let asyncContext: AsyncContext<ScopeRecord | null> | null = null;

/** True where scopes follow the async context (Node), false for the realm-wide stack. */
export function scopesFollowAsyncContext(): boolean {
  return Boolean(platform.AsyncLocalStorage);
}

function currentRecord(): ScopeRecord | null {
  if (syncTop !== null) return syncTop;
  return asyncContext !== null ? asyncContext.getStore() ?? null : stackTop;
}

/** Makes `record` the current scope of the running code. */
function makeCurrent(record: ScopeRecord | null): void {
  if (syncTop !== null) syncTop = record;
  if (asyncContext === null && platform.AsyncLocalStorage) asyncContext = new platform.AsyncLocalStorage<ScopeRecord | null>();
  if (asyncContext !== null) asyncContext.enterWith(record);
  else stackTop = record;
}

function innermostOpen(record: ScopeRecord | null): ScopeRecord | null {
  while (record !== null && !record.open) record = record.parent;
  return record;
}

function own(record: ScopeRecord, tensor: ExTensor): void {
  record.handles.add(tensor);
  owners.set(tensor, record);
}

/** Gives a new handle to the innermost open scope, if any. */
export function adoptIntoScope(tensor: ExTensor): void {
  const record = innermostOpen(currentRecord());
  if (record !== null) own(record, tensor);
}

/** Takes a handle out of whichever scope owns it (it is being freed, or kept). */
export function disown(tensor: ExTensor): void {
  const record = owners.get(tensor);
  if (record !== undefined) {
    record.handles.delete(tensor);
    owners.delete(tensor);
  }
}

/** How scopes free a handle: tensor.js's own free, never a property of the handle. */
let freeTensor: ((tensor: ExTensor) => void) | null = null;
export function setScopeFreer(fn: (tensor: ExTensor) => void): void {
  freeTensor = fn;
}

/** Frees what `record` owns except `kept`, and closes it. */
function close(record: ScopeRecord, kept: ReadonlySet<ExTensor>): void {
  record.open = false;
  const doomed = [...record.handles].filter((t) => !kept.has(t));
  for (const t of doomed) freeTensor!(t);
}

/**
 * Runs `fn` with a new scope current, then frees every handle created in it except those
 * in `fn`'s result, which move to the enclosing scope (as TF.js's tidy does).
 */
export function runTidy<T>(fn: () => T, keptOf: (result: T | undefined) => ReadonlySet<ExTensor>): T {
  const record = new ScopeRecord(innermostOpen(currentRecord()));
  const outer = syncTop;
  syncTop = record;
  let result: T | undefined;
  try {
    result = fn();
  } finally {
    syncTop = outer;
    let kept: ReadonlySet<ExTensor>;
    try {
      kept = keptOf(result);
    } catch (e) {
      // Walking the result threw (a getter, a revoked Proxy): nothing is kept.
      close(record, new Set());
      throw e;
    }
    close(record, kept);
    const heir = innermostOpen(record.parent);
    for (const t of kept) {
      if (owners.get(t) !== record) continue;
      disown(t);
      if (heir !== null) own(heir, t);
    }
  }
  return result as T;
}

/** The scope record behind a Scope, or INVALID_ARGUMENT (set by Scope's static block). */
let recordOf: (op: string, self: unknown) => ScopeRecord;

/**
 * A scope that may span `await`: every handle created while it is current is freed when it
 * ends, except those passed to `keep`. End it with `using`, `dispose()` or `[Symbol.dispose]()`.
 * The package exports only the `Scope` interface (api.ts) that this class implements.
 */
export class Scope implements PublicScope {
  #record: ScopeRecord;
  #checkTensor: CheckTensor;

  /** Not for callers: use ex.scope(). */
  constructor(token: unknown, checkTensor: CheckTensor) {
    if (token !== OPEN) throw new ExTensorError('INVALID_ARGUMENT', 'Scope: use ex.scope()');
    this.#checkTensor = checkTensor;
    this.#record = new ScopeRecord(innermostOpen(currentRecord()));
    makeCurrent(this.#record);
  }

  /** False once the scope has ended. */
  get open(): boolean { return recordOf('open', this).open; }

  /** How many live handles ending the scope now would free. */
  get size(): number { return recordOf('size', this).handles.size; }

  /**
   * Takes `tensor` out of every scope (as TF.js's keep does): the caller owns it now and
   * frees it. Returns `tensor`.
   */
  keep<T extends ExTensor>(tensor: T): T {
    recordOf('scope.keep', this);
    this.#checkTensor('scope.keep', tensor);
    disown(tensor);
    return tensor;
  }

  /** Ends the scope: frees every handle it owns. Idempotent. */
  dispose(): void {
    const record = recordOf('scope.dispose', this);
    if (!record.open) return;
    close(record, new Set());
    if (currentRecord() === record) makeCurrent(innermostOpen(record.parent));
  }

  [DISPOSE](): void { Scope.prototype.dispose.call(this); }

  static {
    // A brand check that runs none of the receiver's code: a forged `this` is an
    // ExTensorError, never a TypeError.
    recordOf = (op, self) => {
      if (self === null || typeof self !== 'object' || !(#record in self)) {
        throw new ExTensorError('INVALID_ARGUMENT', `${op}: called on something that is not a Scope`);
      }
      return self.#record;
    };
  }
}

const OPEN = Symbol('Scope.open');

/** Opens a scope and makes it current; `checkTensor(op, value)` throws unless value is a live ExTensor. */
export function openScope(checkTensor: CheckTensor): Scope {
  return new Scope(OPEN, checkTensor);
}
