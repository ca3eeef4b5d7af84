// Holds the package's declarations (js/*.d.ts, which tsc emits from src/ts/) to the runtime
// (`node --test tests/types/`; needs scripts/build.sh's output in js/ and pkg/). The
// declarations are read through the TypeScript compiler API as a user's program sees them:
// `import * as ex from 'extensor'`, resolved through package.json. The runtime is the
// package's Node entry.
//
//   1. names: the module's exports, ExTensor's prototype (methods vs getters), Scope's members,
//      ExTensorError's fields and the result objects (backend(), memory(), debug.leaks(), …)
//      equal the declared ones, both ways;
//   2. constants: DTYPES, ERROR_CODES, MAX_NDIM, the DType / ErrorCode unions and the
//      typed-array / element maps equal the runtime's values;
//   3. dtypes: ~2500 expressions (promotion of every dtype pair, weak scalars, reductions,
//      float functions, where, concat order, tensor() inference, windows, element types)
//      are typechecked, then evaluated: the declared type must be what the runtime returns;
//   4. argument forms: calls the declarations accept must run, calls they reject must throw;
//   5. slice strings: literals the declarations reject are exactly those the parser rejects;
//   6. environments: with the DOM library init() takes URL / Request / Response / Module;
//   7. documentation: every @example in the source's doc comments typechecks.
import assert from 'node:assert/strict';
import test, { after } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';
import * as ex from '../../js/node.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCE_DIR = path.resolve(HERE, '../../src/ts');

ex.initSync();
after(() => assert.equal(ex.memory().liveHandles, 0, 'every handle these tests made was freed'));

/** The declarations as a user's program sees them: the checker and the module's exports. */
const declarations = (() => {
  const { program, file, diagnostics } = compileVirtual("import * as ex from 'extensor';\nexport { ex };\n");
  assert.deepEqual(diagnostics, [], 'the package resolves');
  const checker = program.getTypeChecker();
  const importDecl = program.getSourceFile(file).statements[0];
  const moduleSymbol = checker.getSymbolAtLocation(importDecl.moduleSpecifier);
  const exports = new Map(checker.getExportsOfModule(moduleSymbol).map((sym) => {
    const resolved = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    return [sym.name, resolved];
  }));
  return { checker, exports };
})();

/** The resolved symbol of an exported name. */
function declared(name) {
  const sym = declarations.exports.get(name);
  assert.ok(sym, `${name} is declared`);
  return sym;
}

/** Exported names of the declarations: { values, types } (values exist at run time). */
function declaredExports() {
  const values = new Set();
  const types = new Set();
  for (const [name, sym] of declarations.exports) (sym.flags & ts.SymbolFlags.Value ? values : types).add(name);
  return { values, types };
}

/** The name of a member symbol ('@@dispose' for [Symbol.dispose]); null for #private names. */
function memberName(sym) {
  const name = sym.escapedName;
  if (name.startsWith('__#')) return null;
  if (name.startsWith('__@')) return `@@${name.slice(3, name.indexOf('@', 3))}`;
  return sym.name;
}

/** The members of a declared class (instance side) or interface: name -> 'method' | 'getter' | 'property'. */
function declaredMembers(declName) {
  const { checker } = declarations;
  const type = checker.getDeclaredTypeOfSymbol(declared(declName));
  const members = new Map();
  for (const member of checker.getPropertiesOfType(type)) {
    const name = memberName(member);
    const decl = member.declarations?.[0];
    if (name === null || !decl) continue;
    // Members inherited from Error (message, stack, cause) are not ExTensorError's own.
    if (declName === 'ExTensorError' && !ts.isClassDeclaration(decl.parent)) continue;
    if (declName === 'ExTensorError' && decl.parent.name?.text !== 'ExTensorError') continue;
    const kind = ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl) ? 'method'
      : ts.isGetAccessorDeclaration(decl) ? 'getter' : 'property';
    members.set(name, kind);
  }
  return members;
}

/** The members of a runtime prototype: name -> 'method' | 'getter'. */
function runtimeMembers(proto) {
  const members = new Map();
  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor') continue;
    let name;
    if (typeof key === 'symbol') {
      if (key === Symbol.dispose) name = '@@dispose';
      else continue; // e.g. nodejs.util.inspect.custom: a Node hook, not API
    } else {
      name = key;
    }
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    members.set(name, desc.get ? 'getter' : 'method');
  }
  return members;
}

/** The declared type of an exported constant: a readonly tuple's literal elements, or its literal value. */
function declaredConstType(name) {
  const { checker } = declarations;
  const type = checker.getTypeOfSymbol(declared(name));
  if (type.isLiteral()) return type.value;
  const elements = checker.isTupleType(type) ? checker.getTypeArguments(type) : null;
  assert.ok(elements, `${name} is a literal or a tuple of literals: ${checker.typeToString(type)}`);
  return elements.map((e) => e.value);
}

/** The string-literal members of an exported union type. */
function declaredUnion(name) {
  const type = declarations.checker.getDeclaredTypeOfSymbol(declared(name));
  assert.ok(type.isUnion(), `${name} is a union`);
  return type.types.map((t) => t.value);
}

/** Property name -> type text of a declared interface. */
function declaredInterfaceTypes(name) {
  const { checker } = declarations;
  const type = checker.getDeclaredTypeOfSymbol(declared(name));
  return new Map(checker.getPropertiesOfType(type).map((p) => [p.name, checker.typeToString(checker.getTypeOfSymbol(p))]));
}

function sorted(iterable) {
  return [...iterable].sort();
}

test('every runtime export is declared, and every declared value exists at run time', () => {
  const { values } = declaredExports();
  const runtime = new Set(Object.keys(ex));
  const undeclared = sorted([...runtime].filter((n) => !values.has(n)));
  const missing = sorted([...values].filter((n) => !runtime.has(n)));
  assert.deepEqual(undeclared, [], 'runtime exports missing from the declarations');
  assert.deepEqual(missing, [], 'declared values the runtime does not export');
});

test('ExTensor: every public prototype method and getter is declared, with the same kind, and vice versa', () => {
  const declared = declaredMembers('ExTensor');
  const runtime = runtimeMembers(ex.ExTensor.prototype);
  assert.deepEqual(Object.fromEntries([...declared].sort()), Object.fromEntries([...runtime].sort()));
  assert.equal(typeof ex.ExTensor.prototype[Symbol.dispose], 'function');
  // Static members are internal (underscore-prefixed) and deliberately undeclared.
  const statics = Object.getOwnPropertyNames(ex.ExTensor).filter((n) => !['length', 'name', 'prototype'].includes(n));
  assert.deepEqual(statics.filter((n) => !n.startsWith('_')), [], 'public static members of ExTensor');
});

test('Scope: the object ex.scope() returns has exactly the declared members', () => {
  const scope = ex.scope();
  try {
    const declared = declaredMembers('Scope');
    const runtime = new Map();
    for (let proto = Object.getPrototypeOf(scope); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const [name, kind] of runtimeMembers(proto)) if (!runtime.has(name)) runtime.set(name, kind);
    }
    for (const name of Object.keys(scope)) runtime.set(name, 'property');
    // A getter at run time is a readonly property in the interface.
    const norm = (m) => Object.fromEntries([...m].map(([n, k]) => [n, k === 'method' ? 'method' : 'value']).sort());
    assert.deepEqual(norm(declared), norm(runtime));
  } finally {
    scope.dispose();
  }
});

test('ExTensorError: declared fields are the instance fields', () => {
  const e = new ex.ExTensorError('DTYPE', 'x');
  assert.deepEqual(sorted(declaredMembers('ExTensorError').keys()), sorted(Object.keys(e)));
  assert.equal(e.name, 'ExTensorError');
  assert.ok(e instanceof Error);
});

test('result objects have exactly the declared fields', () => {
  const keys = (o) => sorted(Object.keys(o));
  const fields = (name) => sorted(declaredMembers(name).keys());
  assert.deepEqual(keys(ex.backend()), fields('BackendInfo'), 'backend()');
  assert.deepEqual(keys(ex.initSync()), fields('BackendInfo'), 'initSync()');
  assert.deepEqual(keys(ex.memory()), fields('MemoryInfo'), 'memory()');
  assert.deepEqual(keys(ex.engineSupport()), fields('EngineSupport'), 'engineSupport()');
  assert.deepEqual(keys(ex.debug), fields('Debug'), 'debug');
  assert.ok(Object.isFrozen(ex.debug), 'debug is frozen (declared Readonly)');
  assert.deepEqual(keys(ex.linalg), fields('Linalg'), 'linalg');
  assert.ok(Object.isFrozen(ex.linalg), 'linalg is frozen (declared Readonly)');
  ex.debug.trackLeaks(true);
  const t = ex.zeros([2]);
  try {
    const leak = ex.debug.leaks().at(-1);
    assert.deepEqual(keys(leak), fields('LeakInfo'), 'debug.leaks()[i]');
  } finally {
    t.free();
    ex.debug.trackLeaks(false);
  }
  assert.equal(ex.backend().build, ex.backend().build.trim());
  assert.ok(declaredUnion('Build').includes(ex.backend().build));
});

test('constants and dtype maps equal their declared literal types', () => {
  assert.deepEqual(declaredConstType('DTYPES'), [...ex.DTYPES]);
  assert.deepEqual(declaredConstType('ERROR_CODES'), [...ex.ERROR_CODES]);
  assert.equal(declaredConstType('MAX_NDIM'), ex.MAX_NDIM);
  assert.ok(Object.isFrozen(ex.DTYPES) && Object.isFrozen(ex.ERROR_CODES), 'declared readonly');
  assert.deepEqual(sorted(declaredUnion('DType')), sorted(ex.DTYPES));
  assert.deepEqual(sorted(declaredUnion('ErrorCode')), sorted(ex.ERROR_CODES));
  assert.equal(typeof ex.VERSION, 'string');
  const arrays = declaredInterfaceTypes('TypedArrayMap');
  const elements = declaredInterfaceTypes('ElementMap');
  assert.deepEqual(sorted(arrays.keys()), sorted(ex.DTYPES));
  assert.deepEqual(sorted(elements.keys()), sorted(ex.DTYPES));
  for (const dtype of ex.DTYPES) {
    ex.tidy(() => {
      const t = ex.zeros([1], dtype);
      assert.equal(arrays.get(dtype), `${t.data.constructor.name}<ArrayBuffer>`, `${dtype} window`);
      assert.equal(arrays.get(dtype), `${t.toTypedArray().constructor.name}<ArrayBuffer>`, `${dtype} toTypedArray`);
      assert.equal(elements.get(dtype), typeof t.item(), `${dtype} element`);
    });
  }
});

// ------------------------------------------------------------------ declared vs runtime dtypes

const D = ex.DTYPES;
const WEAK = ['2', '-3', '0.5', '2n', 'true'];
const UNARY = ['neg', 'abs', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'square', 'floor', 'ceil', 'round',
  'softmax', 'sum', 'prod', 'mean', 'max', 'min', 'argMax', 'argMin', 'flatten', 'contiguous', 'clone', 'share'];

/**
 * Expressions valid in both TypeScript and JavaScript, with `t(dtype)` a tensor of that dtype.
 * `kind` says what to compare: the result's dtype, the constructor of the result, typeof,
 * or the element type of nested arrays.
 */
function cases() {
  const list = [];
  const add = (expr, kind = 'dtype') => list.push({ expr, kind });
  for (const a of D) {
    for (const b of D) {
      for (const op of ['add', 'mul', 'maximum', 'div', 'matmul', 'less']) add(`t('${a}').${op}(t('${b}'))`);
      add(`ex.where(t('bool'), t('${a}'), t('${b}'))`);
      add(`ex.concat([t('${a}'), t('${b}')])`);
    }
    for (const s of WEAK) {
      for (const op of ['add', 'sub', 'div', 'pow', 'minimum', 'equal']) add(`t('${a}').${op}(${s})`);
      add(`ex.where(t('bool'), t('${a}'), ${s})`);
      add(`ex.where(t('bool'), ${s}, t('${a}'))`);
    }
    for (const op of UNARY) add(`t('${a}').${op}()`);
    add(`t('${a}').sum(0, true)`);
    add(`t('${a}').astype('${a === 'int8' ? 'uint16' : 'int8'}')`);
    add(`t('${a}').slice('0:1')`);
    add(`t('${a}').data`, 'ctor');
    add(`t('${a}').toTypedArray()`, 'ctor');
    add(`t('${a}').item()`, 'typeof');
    add(`t('${a}').get(0)`, 'typeof');
    for (const creator of ['zeros', 'ones', 'empty']) add(`ex.${creator}([1], '${a}')`);
    add(`ex.full([1], 1, '${a}')`);
    add(`ex.arange(0, 3, 1, '${a}')`);
    add(`ex.linspace(0, 1, 3, '${a}')`);
    add(`ex.eye(2, 2, 0, '${a}')`);
    add(`ex.tensor([1, 0], { dtype: '${a}' })`);
    add(`ex.tensor([[1, 0]], { dtype: '${a}' }).toArray()`, 'nested');
  }
  for (const [a, b] of [[WEAK[0], WEAK[1]], ['1', '2.5'], ['true', 'false'], ['1n', '2n'], ['1n', '0.5'], ['true', '2']]) {
    add(`ex.where(t('int8'), ${a}, ${b})`);
  }
  for (const list3 of [['int8', 'uint8', 'float16'], ['float16', 'uint8', 'int8'], ['bool', 'uint32', 'int8'], ['bfloat16', 'float16', 'int64']]) {
    add(`ex.concat([${list3.map((d) => `t('${d}')`).join(', ')}])`);
    add(`ex.stack([${list3.map((d) => `t('${d}')`).join(', ')}])`);
  }
  for (const data of ['[1, 2]', '[[1], [2]]', '5', '[true, false]', 'true', '[[true]]', '[1n, 2n]', '7n', '[]', '[true, 1n]',
    'new Float32Array(2)', 'new Float64Array(2)', 'new Int8Array(2)', 'new Int16Array(2)', 'new Int32Array(2)',
    'new BigInt64Array(2)', 'new Uint8Array(2)', 'new Uint8ClampedArray(2)', 'new Uint16Array(2)', 'new Uint32Array(2)',
    'new BigUint64Array(2)']) {
    add(`ex.tensor(${data})`);
  }
  for (const expr of ['ex.zeros([1])', 'ex.ones(2)', 'ex.empty([1])', 'ex.full([1], 2)', 'ex.full([1], true)', 'ex.full([1], 2n)',
    'ex.arange(3)', 'ex.arange(1, 3)', 'ex.arange(0, 3, 1)', 'ex.linspace(0, 1, 3)', 'ex.eye(2)', 'ex.eye(2, 3)', 'ex.eye(2, 3, 1)',
    'ex.rand([2])', 'ex.randn([2], { seed: 1 })', 'ex.rand([2], { dtype: "float64" })', 'ex.matmul(t("int8"), t("uint8"))',
    'ex.fromNpy(t("int16").toNpy())', 'ex.zeros([1], undefined)', 'ex.arange(3, undefined)', 'ex.eye(2, 2, undefined)',
    'ex.full([1], true, undefined)', 'ex.rand([1], { dtype: undefined })', 'ex.tensor([1n], { dtype: undefined })']) {
    add(expr);
  }
  add('t("float32").toNpy()', 'ctor');
  return list;
}

/**
 * Typechecks `text` as a module beside usage.ts (so 'extensor' resolves as a user's import
 * does), with tests/types/tsconfig.json's options plus `extra`. Returns the program.
 */
function compileVirtual(text, extra = {}) {
  const file = path.join(HERE, '__virtual__.mts');
  const config = ts.getParsedCommandLineOfConfigFile(path.join(HERE, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options = { ...config.options, ...extra };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === file || fileExists(f);
  host.readFile = (f) => (f === file ? text : readFile(f));
  // The program passes the language version and module format (.mts: ESM) to use.
  host.getSourceFile = (f, versionOrOptions, ...rest) => (f === file
    ? ts.createSourceFile(f, text, versionOrOptions, true)
    : getSourceFile(f, versionOrOptions, ...rest));
  const program = ts.createProgram([file], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { program, file, diagnostics };
}

/** The declared type of each expression, as text: `"float32"` for a dtype, else the type. */
function declaredTypes(list) {
  const text = [
    "import * as ex from 'extensor';",
    'declare function t<D extends ex.DType>(dtype: D): ex.ExTensor<D>;',
    ...list.map(({ expr, kind }, i) => `export const c${i} = (${expr})${kind === 'dtype' ? '.dtype' : ''};`),
  ].join('\n');
  const { program, file, diagnostics } = compileVirtual(text);
  assert.deepEqual(diagnostics, [], 'the expressions typecheck');
  const checker = program.getTypeChecker();
  const out = [];
  for (const statement of program.getSourceFile(file).statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const decl = statement.declarationList.declarations[0];
    out.push(checker.typeToString(checker.getTypeAtLocation(decl.name), undefined, ts.TypeFormatFlags.NoTruncation));
  }
  return out;
}

/** What the runtime gives for each expression, in the same notation; or `throws CODE`. */
function runtimeTypes(list) {
  const t = (dtype) => ex.ones([1], dtype);
  return list.map(({ expr, kind }) => ex.tidy(() => {
    try {
      const value = new Function('ex', 't', `return (${expr});`)(ex, t);
      if (kind === 'dtype') return JSON.stringify(value.dtype);
      if (kind === 'ctor') return `${value.constructor.name}<ArrayBuffer>`;
      if (kind === 'nested') return `Nested<${typeof value.flat(Infinity)[0]}>`;
      return typeof value;
    } catch (e) {
      return `throws ${e.code ?? e.message}`;
    }
  }));
}

test('every operation returns the dtype (and window / element type) its declaration says', () => {
  const list = cases();
  const declared = declaredTypes(list);
  const runtime = runtimeTypes(list);
  assert.equal(declared.length, list.length);
  const mismatches = [];
  const wider = [];
  const throwing = [];
  const members = (type) => new Set(type === 'DType' ? D.map((d) => JSON.stringify(d)) : type.split(' | '));
  list.forEach(({ expr }, i) => {
    if (runtime[i].startsWith('throws')) throwing.push(`${expr}: ${runtime[i]}`);
    else if (declared[i] === runtime[i]) return;
    else if (members(declared[i]).has(runtime[i])) wider.push(expr);
    else mismatches.push(`${expr}: declared ${declared[i]}, runtime ${runtime[i]}`);
  });
  assert.deepEqual(mismatches, [], `${mismatches.length} of ${list.length} expressions`);
  // Where the type cannot know the dtype it declares a union that holds the runtime's
  // (fromNpy: whatever the file says).
  assert.deepEqual(wider, ['ex.fromNpy(t("int16").toNpy())']);
  // The only failures are documented errors, where the declared dtype is what the call
  // would have given: bool has no sub/pow/neg (DTYPE); a negative integer is out of range
  // for unsigned dtypes (in where too), and integers to a negative integer power are refused
  // (INVALID_ARGUMENT, as NumPy 2).
  const EXPECTED_THROWS = [
    /^t\('bool'\)\.(sub|pow)\(true\): throws DTYPE$/,
    /^t\('bool'\)\.neg\(\): throws DTYPE$/,
    /^t\('uint(8|16|32|64)'\)\.(add|sub|pow|minimum)\(-3\): throws INVALID_ARGUMENT$/,
    /^t\('(u?int(8|16|32|64)|bool)'\)\.pow\(-3\): throws INVALID_ARGUMENT$/,
    /^ex\.where\(t\('bool'\), (t\('uint(8|16|32|64)'\), -3|-3, t\('uint(8|16|32|64)'\))\): throws INVALID_ARGUMENT$/,
  ];
  const unexpected = throwing.filter((line) => !EXPECTED_THROWS.some((re) => re.test(line)));
  assert.deepEqual(unexpected, []);
  assert.ok(throwing.length > 0, 'the expected errors were exercised');
});

test('with the DOM library, init takes URL / Request / Response / WebAssembly.Module, and nothing clashes', () => {
  const text = `
    import * as ex from 'extensor';
    type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
    const moduleIsWasm: Equal<ex.WasmModule, WebAssembly.Module> = true;
    declare const mod: WebAssembly.Module;
    declare const response: Response;
    export async function load() {
      ex.initSync(mod);
      await ex.init({ module: new URL('https://example.com/extensor_simd_bg.wasm') });
      await ex.init({ module: new Request('/extensor_simd_bg.wasm') });
      await ex.init({ module: response });
      await ex.init({ module: fetch('/extensor_simd_bg.wasm') });
      await ex.init({ module: WebAssembly.compile(new Uint8Array(8)) });
      return moduleIsWasm;
    }
  `;
  const { diagnostics } = compileVirtual(text, { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'] });
  assert.deepEqual(diagnostics, []);
  // Without the DOM there is no WebAssembly.Module type: WasmModule is never, the rest works.
  const { diagnostics: plain } = compileVirtual(`
    import * as ex from 'extensor';
    const never: [ex.WasmModule] extends [never] ? true : false = true;
    export const run = () => ex.initSync(new Uint8Array(8));
    export { never };
  `);
  assert.deepEqual(plain, []);
});

// ------------------------------------------------------------------ argument forms

// Each call is accepted by both the declarations and the runtime, or rejected by both (a
// type error, and an ExTensorError at run time). `m` is a float32 tensor of shape [2, 3].
const ACCEPTED = [
  'm.transpose()', 'm.transpose(null)', 'm.transpose([1, 0])', 'm.transpose([-1, 0])',
  'm.reshape([3, 2])', 'm.reshape([-1])', 'm.reshape(new Int32Array([6]))',
  'm.slice("0")', 'm.slice(":, ::-1")', 'm.slice("")', 'm.slice(0)', 'm.slice(null)', 'm.slice([0])',
  'm.slice([[0, 1], [null, null, -1]])', 'm.slice([[], ":"])', 'm.slice([undefined, "..."])', 'm.slice([[undefined, 2]])',
  'm.unsqueeze(0)', 'm.unsqueeze(-1).squeeze(2)', 'm.unsqueeze(0).squeeze([0])', 'm.squeeze()', 'm.squeeze(null)',
  'm.broadcastTo([2, 2, 3])', 'ex.zeros([3]).broadcastTo(3)', 'm.broadcastTo(new Uint8Array([2, 3]))',
  'm.sum()', 'm.sum(0)', 'm.sum([0, 1])', 'm.sum(-1, true)', 'm.sum(null, true)', 'm.mean(undefined, false)',
  'm.argMax()', 'm.argMax(1)', 'm.argMax([1])', 'm.argMin(null)', 'm.softmax()', 'm.softmax(0)', 'm.softmax(null)',
  'm.add(1)', 'm.add(1n)', 'm.add(true)', 'm.add(m)', 'm.less(0.5)', 'm.matmul(m.transpose())', 'ex.matmul(m, m.transpose())',
  'm.get(1, 2)', 'm.set(1n, 0, 0)', 'm.set(true, 0, 0)', 'm.fill(2)', 'm.assign(ex.ones([3]))', 'm.astype("int8")',
  'm.sharesMemory(m)', 'ex.zeros(3)', 'ex.zeros([2, 3])', 'ex.zeros(new Float64Array([2]))', 'ex.zeros([2], undefined)',
  'ex.tensor(1)', 'ex.tensor(true)', 'ex.tensor(1n)', 'ex.tensor([[1, 2]], { shape: [2] })', 'ex.tensor(new Uint8ClampedArray(2))',
  'ex.tensor([1], { dtype: undefined, shape: undefined })', 'ex.full([1], 2n, "uint64")', 'ex.arange(3, undefined)',
  'ex.rand([2], {})', 'ex.rand([2], { seed: 3, dtype: "float16" })', 'ex.randn(2, { dtype: undefined })',
  'ex.concat([m, m], 1)', 'ex.stack([m, m], -1)', 'ex.where(m, 1, 2n)', 'ex.where(m.greater(0), m, true)',
  'ex.fromNpy(m.toNpy().buffer)', 'ex.fromNpy(new DataView(m.toNpy().buffer))', 'ex.tidy(() => 1)',
  'ex.debug.trackLeaks(false)', 'ex.initSync(undefined, { simd: undefined })',
];
const REJECTED = [
  'm.transpose(1)', 'm.transpose(new Int32Array([1, 0]))', 'm.transpose(["1", "0"])', 'm.reshape(6)', 'm.reshape(["6"])',
  'm.slice({})', 'm.slice(true)', 'm.slice(undefined)', 'm.slice([[0, 1, 1, 1]])', 'm.slice([{}])', 'm.slice("1:2:3:4")', 'm.slice("a")',
  'm.unsqueeze([0])', 'm.unsqueeze("0")', 'm.squeeze("0")', 'm.broadcastTo(["2"])', 'm.sum("0")', 'm.sum([0, "1"])',
  'm.argMax([0, 1])', 'm.softmax([0])', 'm.softmax("0")', 'm.add("1")', 'm.add([1])', 'm.add({})', 'm.matmul(2)',
  'ex.matmul(m, [[1]])', 'm.get("0", "0")', 'm.set("1", 0, 0)', 'm.fill("x")', 'm.fill(m)', 'm.assign(5)', 'm.astype(5)',
  'm.astype("float8")', 'm.sharesMemory({})', 'ex.zeros(["2"])', 'ex.zeros(new BigInt64Array(2))', 'ex.zeros([2], "float128")',
  'ex.zeros([2], { dtype: "int8" })', 'ex.arange("3")', 'ex.linspace(0, 1, "3")', 'ex.eye("2")', 'ex.full([1], "1")',
  'ex.tensor(["a"])', 'ex.tensor([1], "int32")', 'ex.tensor(new DataView(new ArrayBuffer(4)))', 'ex.tensor([1], { dtype: "x" })',
  'ex.rand([2], "float64")', 'ex.rand([2], { dtype: "int32" })', 'ex.randn([2], { seed: "1" })',
  'ex.concat([m, 1])', 'ex.concat(m)', 'ex.stack([m, m], "0")', 'ex.where(1, m, m)', 'ex.where(m, "a", 1)',
  'ex.tidy(5)', 'ex.fromNpy("x")', 'ex.initSync(undefined, { simd: "yes" })', 'ex.debug.trackLeaks = null',
];

test('argument forms: accepted by the declarations exactly when accepted at run time', () => {
  const all = [...ACCEPTED, ...REJECTED];
  const header = ["import * as ex from 'extensor';", 'declare const m: ex.ExTensor<"float32">;'];
  const text = [...header, ...all.map((expr, i) => `export const f${i} = () => (${expr});`)].join('\n');
  const { program, file } = compileVirtual(text);
  const sourceFile = program.getSourceFile(file);
  const linesWithErrors = new Set(ts.getPreEmitDiagnostics(program, sourceFile)
    .map((d) => sourceFile.getLineAndCharacterOfPosition(d.start).line - header.length));
  const t2 = () => ex.arange(6).reshape([2, 3]);
  const runs = (expr) => ex.tidy(() => {
    try {
      new Function('ex', 'm', `'use strict'; return (${expr});`)(ex, t2());
      return 'ok';
    } catch (e) {
      return e instanceof ex.ExTensorError ? e.code : `${e.name}: ${e.message}`;
    }
  });
  const problems = [];
  all.forEach((expr, i) => {
    const typed = !linesWithErrors.has(i);
    const result = runs(expr);
    const accepted = i < ACCEPTED.length;
    if (typed !== accepted) problems.push(`${expr}: the declarations ${typed ? 'accept' : 'reject'} it`);
    if ((result === 'ok') !== accepted) problems.push(`${expr}: the runtime ${result === 'ok' ? 'accepts it' : `throws ${result}`}`);
  });
  assert.deepEqual(problems, []);
});

// ------------------------------------------------------------------ the documentation's examples

/** Every ```ts block of the source's doc comments: { where, code }. */
function examples() {
  const blocks = [];
  const fence = /```ts\n([\s\S]*?)\n\s*\*\s*```/g;
  for (const name of readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.ts')).sort()) {
    const text = readFileSync(path.join(SOURCE_DIR, name), 'utf8');
    for (let m = fence.exec(text); m !== null; m = fence.exec(text)) {
      const line = text.slice(0, m.index).split('\n').length + 1;
      blocks.push({ where: `src/ts/${name}:${line}`, code: m[1].split('\n').map((l) => l.replace(/^\s*\*( |$)/, '')).join('\n') });
    }
  }
  return blocks;
}

// The names the examples use without defining them (what the surrounding prose implies);
// the examples compile with the DOM library (fetch, URL, WebAssembly, console).
const EXAMPLE_PRELUDE = `
import * as ex from 'extensor';
declare const t: ex.ExTensor<'float32'>;
declare const x: ex.ExTensor<'float32'>;
declare const a: ex.ExTensor<'float32'>;
declare const e: ex.ExTensorError;
declare const bytes: Uint8Array<ArrayBuffer>;
declare const wasmBytes: Uint8Array<ArrayBuffer>;
declare function readFileSync(path: string): Uint8Array;
declare function writeFileSync(path: string, data: Uint8Array): void;
declare function somethingAsync(): Promise<void>;
declare function tokenize(text: string): Promise<number[]>;
declare function model(tokens: ex.ExTensor<'int32'>): ex.ExTensor<'float32'>;
declare function run(): void;
declare function runSuspectCode(): void;
`;

test('every @example in the source typechecks', () => {
  const blocks = examples();
  assert.ok(blocks.length > 150, `found ${blocks.length} examples`);
  const header = EXAMPLE_PRELUDE.split('\n');
  const lines = [...header];
  const origin = [];
  blocks.forEach(({ where, code }, i) => {
    // Imports of the package and of node:fs are in the prelude; each example gets its own scope.
    const body = code.split('\n').filter((l) => !/^import .* from '(extensor|node:fs)';$/.test(l));
    lines.push(`export async function example${i}() {`);
    origin.push(...new Array(1).fill(null));
    for (const l of body) {
      lines.push(`  ${l}`);
      origin[lines.length - 1] = where;
    }
    lines.push('}');
  });
  const text = lines.join('\n');
  const { program, file } = compileVirtual(text, { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts', 'lib.es2025.float16.d.ts'] });
  const sourceFile = program.getSourceFile(file);
  const problems = ts.getPreEmitDiagnostics(program, sourceFile).map((d) => {
    const at = sourceFile.getLineAndCharacterOfPosition(d.start).line;
    return `example at ${origin[at] ?? '?'}: ${lines[at].trim()}\n    ${ts.flattenDiagnosticMessageText(d.messageText, '\n    ')}`;
  });
  assert.deepEqual(problems, []);
});

// ------------------------------------------------------------------ slice strings

// Literal slice strings the declarations reject must be exactly those the Rust parser
// rejects as malformed (values that parse but do not fit, like '::0' or '5', are run-time
// errors for both). Exception: integers past 64 bits parse in the type, not in Rust.
const SLICE_STRINGS = [
  '', ' ', '0', '-1', '+1', '01', ' 1 ', '\t1\n', '\u00a01\u3000', '1:', ':1', ':', '::', '::-1', '0:2:1', ' 0 : 2 : 1 ',
  '+0:-1:+1', '...', '..', '....', 'None', 'none', 'null', 'newaxis', ' None ', '..., 0', '0, ...', ':, 1', 'None, ..., None',
  ':::', '1:2:3:4', 'a', '1.5', '1e3', '- 1', '1 2', '1,,2', '1,', ',1', ',', '0:a', 'x:1', '1:2:b', '::0', '...,...', '5',
  '0,0,0', '0x1', '1_0', '٣',
];
const PARSE_ERROR = /cannot parse|empty item|too many ':'/;

test('slice string literals: rejected by the declarations exactly when the parser rejects them', () => {
  const header = ["import * as ex from 'extensor';", 'declare const m: ex.ExTensor<"float32">;'];
  const text = [...header, ...SLICE_STRINGS.map((s, i) => `export const s${i} = () => m.slice(${JSON.stringify(s)});`)].join('\n');
  const { program, file } = compileVirtual(text);
  const sourceFile = program.getSourceFile(file);
  const rejectedByTypes = new Set(ts.getPreEmitDiagnostics(program, sourceFile)
    .map((d) => sourceFile.getLineAndCharacterOfPosition(d.start).line - header.length));
  const problems = [];
  SLICE_STRINGS.forEach((spec, i) => {
    const runtime = ex.tidy(() => {
      try {
        ex.arange(6).reshape([2, 3]).slice(spec);
        return 'ok';
      } catch (e) {
        return e.message;
      }
    });
    const malformed = PARSE_ERROR.test(runtime);
    if (malformed !== rejectedByTypes.has(i)) {
      problems.push(`${JSON.stringify(spec)}: types ${rejectedByTypes.has(i) ? 'reject' : 'accept'}, runtime: ${runtime}`);
    }
  });
  assert.deepEqual(problems, []);
});
