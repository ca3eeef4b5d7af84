// node:path for the page (POSIX): join and the few helpers the suites name.
const normalize = (p) => {
  const out = [];
  for (const part of p.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return (p.startsWith('/') ? '/' : '') + out.join('/');
};
export const sep = '/';
export const join = (...parts) => normalize(parts.join('/'));
export const dirname = (p) => p.replace(/\/[^/]*\/?$/, '') || '/';
export const basename = (p) => p.replace(/\/$/, '').split('/').pop();
export default { sep, join, dirname, basename };
