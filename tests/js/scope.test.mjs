// ex.scope(): a tidy that may span `await`. In Node scopes follow the async context, so
// interleaved async scopes never free each other's handles. Node 20 has no `using` syntax,
// so these tests end scopes the way `using` does: in a finally block. using-syntax.test.mjs
// runs real `using` code compiled by TypeScript.
import assert from 'node:assert/strict';
import test from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ex, checkMemoryReturnsToZero, throwsCode } from './helpers.mjs';

checkMemoryReturnsToZero();

const live = () => ex.memory().liveHandles;
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('scopes follow the async context in Node', () => {
  assert.equal(ex.backend().asyncScopes, true);
});

test('a scope frees what was created in it, except what it keeps', () => {
  const before = live();
  const scope = ex.scope();
  let kept;
  try {
    const a = ex.arange(6);
    const view = a.reshape([2, 3]);
    kept = scope.keep(view.sum(1));
    assert.equal(scope.size, 2);
  } finally {
    scope[Symbol.dispose]();
  }
  assert.equal(scope.open, false);
  assert.equal(live(), before + 1);
  assert.deepEqual(Array.from(kept.data), [3, 12]);
  kept.free();
});

test('a scope spans await: handles made after an await are its too', async () => {
  const before = live();
  const result = await (async () => {
    const scope = ex.scope();
    try {
      const x = ex.ones([4]);
      await sleep(1);
      const y = x.mul(3);
      await tick();
      const z = y.add(1);
      assert.equal(scope.size, 3);
      return scope.keep(z);
    } finally {
      scope.dispose();
    }
  })();
  assert.equal(live(), before + 1);
  assert.deepEqual(Array.from(result.data), [4, 4, 4, 4]);
  result.free();
});

test('a scope frees its handles when the async body throws', async () => {
  const before = live();
  await assert.rejects(async () => {
    const scope = ex.scope();
    try {
      ex.zeros([3]);
      await tick();
      ex.zeros([3]).reshape([4]);
    } finally {
      scope.dispose();
    }
  }, { code: 'SHAPE_MISMATCH' });
  assert.equal(live(), before);
});

/** One task of the interleaving tests: scope, awaits at random points, keeps its result. */
async function task(seed, pause) {
  const scope = ex.scope();
  try {
    let acc = ex.full([8], seed);
    for (let step = 0; step < 5; step += 1) {
      await pause(seed, step);
      acc = acc.mul(2).add(1);
    }
    return scope.keep(acc);
  } finally {
    scope.dispose();
  }
}

test('interleaved async scopes never free each other\'s handles', async () => {
  const before = live();
  const pauses = [
    () => tick(),
    (seed, step) => sleep((seed * 7 + step * 3) % 5),
    (seed, step) => ((seed + step) % 2 === 0 ? tick() : Promise.resolve()),
  ];
  for (const pause of pauses) {
    const seeds = Array.from({ length: 16 }, (_, i) => i);
    const results = await Promise.all(seeds.map((seed) => task(seed, pause)));
    assert.equal(live(), before + seeds.length, 'only the kept results are alive');
    results.forEach((r, seed) => {
      // acc -> 2·acc + 1 five times: 32·seed + 31
      assert.deepEqual(Array.from(r.data), new Array(8).fill(32 * seed + 31));
      r.free();
    });
  }
  assert.equal(live(), before);
});

test('a scope ending while an interleaved one is still open frees only its own handles', async () => {
  const before = live();
  let releaseB;
  const bMayEnd = new Promise((resolve) => { releaseB = resolve; });
  const b = (async () => {
    const scope = ex.scope();
    try {
      const t = ex.arange(3);
      await bMayEnd;
      return t.add(10).sum().item();
    } finally {
      scope.dispose();
    }
  })();
  const a = (async () => {
    const scope = ex.scope();
    try {
      const t = ex.arange(3);
      await tick();
      return t.mul(2).sum().item();
    } finally {
      scope.dispose();
    }
  })();
  assert.equal(await a, 6);
  releaseB();
  assert.equal(await b, 33);
  assert.equal(live(), before);
});

test('nested scopes: the inner one frees its own; keep escapes every scope, as tf.keep does', () => {
  const before = live();
  const outer = ex.scope();
  let escaped;
  try {
    const a = ex.ones([2]);
    const inner = ex.scope();
    let innerTemp;
    try {
      innerTemp = a.add(1);
      escaped = inner.keep(innerTemp.add(1));
    } finally {
      inner.dispose();
    }
    assert.equal(innerTemp.isFreed, true);
    assert.equal(a.isFreed, false, 'the outer scope still owns a');
    const b = a.mul(5); // the outer scope is current again
    assert.equal(outer.size, 2);
    assert.deepEqual(Array.from(b.data), [5, 5]);
  } finally {
    outer.dispose();
  }
  assert.equal(escaped.isFreed, false);
  assert.equal(live(), before + 1);
  escaped.free();
});

test('tidy inside a scope hands its result to the scope', () => {
  const before = live();
  const scope = ex.scope();
  let fromTidy;
  try {
    fromTidy = ex.tidy(() => ex.ones([2]).add(1));
    assert.equal(scope.size, 1);
  } finally {
    scope.dispose();
  }
  assert.equal(fromTidy.isFreed, true);
  assert.equal(live(), before);
});

test('a scope opened inside tidy is freed by its own end, not by the tidy', () => {
  const before = live();
  let scope;
  let made;
  ex.tidy(() => {
    scope = ex.scope();
    made = ex.ones([2]);
  });
  assert.equal(made.isFreed, false, 'the scope, not the tidy, owns it');
  scope.dispose();
  assert.equal(made.isFreed, true);
  assert.equal(live(), before);
});

test('after a scope ends, new handles belong to the enclosing scope or to nobody', () => {
  const outer = ex.scope();
  let mine;
  let loose;
  try {
    const inner = ex.scope();
    inner.dispose();
    mine = ex.ones([1]);
    assert.equal(outer.size, 1);
  } finally {
    outer.dispose();
  }
  assert.equal(mine.isFreed, true);
  loose = ex.ones([1]);
  assert.equal(loose.isFreed, false);
  loose.free();
});

test('scope members: dispose is idempotent; keep checks its argument', () => {
  const scope = ex.scope();
  const t = ex.ones([1]);
  throwsCode(() => scope.keep(5), 'INVALID_ARGUMENT', /scope\.keep/);
  throwsCode(() => scope.keep({}), 'INVALID_ARGUMENT');
  const freed = ex.ones([1]);
  freed.free();
  throwsCode(() => scope.keep(freed), 'FREED');
  assert.equal(scope.open, true);
  scope.dispose();
  scope.dispose();
  scope[Symbol.dispose]();
  assert.equal(scope.open, false);
  assert.equal(scope.size, 0);
  assert.equal(t.isFreed, true);
  throwsCode(() => scope.keep(t), 'FREED', /scope\.keep/);
  throwsCode(() => new ex.ExTensor.prototype.constructor(), 'INVALID_ARGUMENT');
});

test('freeing a handle early takes it out of its scope', () => {
  const scope = ex.scope();
  try {
    const t = ex.ones([1]);
    assert.equal(scope.size, 1);
    t.free();
    assert.equal(scope.size, 0);
  } finally {
    scope.dispose();
  }
});

test('a scope in a loop of awaits keeps wasm memory flat', async () => {
  const start = ex.memory();
  for (let i = 0; i < 2000; i += 1) {
    const scope = ex.scope();
    try {
      const a = ex.rand([256]);
      await (i % 10 === 0 ? tick() : null);
      a.exp().sum();
    } finally {
      scope.dispose();
    }
  }
  const end = ex.memory();
  assert.equal(end.liveHandles, start.liveHandles);
  assert.equal(end.wasmMemoryBytes, start.wasmMemoryBytes);
});

test('the caller\'s code before its next await still runs in the callee\'s scope', async () => {
  // JavaScript has no hook for "the async function returned to its caller", so the
  // AsyncLocalStorage value the callee entered stays until the caller awaits (README).
  const before = live();
  const work = async () => {
    const scope = ex.scope();
    try {
      await tick();
      return scope.keep(ex.ones([1]));
    } finally {
      scope.dispose();
    }
  };
  const pending = work();
  const callers = ex.ones([1]); // created while work's scope is current
  const kept = await pending;
  assert.equal(callers.isFreed, true);
  const afterAwait = ex.ones([1]); // after the await the caller is back outside any scope
  assert.equal(afterAwait.isFreed, false);
  assert.equal(live(), before + 2);
  kept.free();
  afterAwait.free();
});

test('a sibling called after a scoped async function starts inside its scope (the caller-side rule)', async () => {
  // Promise.all([f(), g()]): g() is called by the same synchronous code that f's scope
  // leaked into, so whatever g creates outside a scope of its own belongs to f's scope and
  // is freed when f ends; using it then throws FREED (never a use-after-free). Called
  // first, or opening its own scope and keeping its result, g is unaffected.
  const before = live();
  let fMayEnd;
  let fEnds;
  const f = async () => {
    fEnds = new Promise((resolve) => { fMayEnd = resolve; });
    const scope = ex.scope();
    try {
      ex.ones([1]);
      await fEnds;
    } finally {
      scope.dispose();
    }
  };
  const unscoped = async () => {
    const r = ex.ones([3]);
    await tick();
    fMayEnd();
    await tick();
    await tick();
    return r;
  };
  const scoped = async () => {
    const scope = ex.scope();
    try {
      const r = scope.keep(ex.ones([3]));
      await tick();
      fMayEnd();
      await tick();
      await tick();
      return r;
    } finally {
      scope.dispose();
    }
  };

  const [, lost] = await Promise.all([f(), unscoped()]);
  assert.equal(lost.isFreed, true, 'f\'s scope freed the unscoped sibling\'s handle');
  assert.throws(() => lost.toArray(), { code: 'FREED' });

  const [first] = await Promise.all([unscoped(), f()]);
  assert.deepEqual(first.toArray(), [1, 1, 1], 'called first, the sibling is outside f\'s scope');
  first.free();

  const [, kept] = await Promise.all([f(), scoped()]);
  assert.deepEqual(kept.toArray(), [1, 1, 1], 'a sibling with its own scope keeps its result');
  kept.free();
  assert.equal(live(), before);
});
