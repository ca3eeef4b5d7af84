// A node:test reporter for tests/page/js-suites-browser.test.mjs: one JSON line per finished
// test or suite (file, name, nesting, whether it is a suite, its skip and todo reasons, and
// whether it failed), from which that test rebuilds every test's path in Node.
export default async function* names(source) {
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    yield `${JSON.stringify({
      file: data.file,
      name: data.name,
      nesting: data.nesting,
      suite: data.details?.type === 'suite',
      skip: data.skip,
      todo: data.todo,
      failed: type === 'test:fail',
    })}\n`;
  }
}
