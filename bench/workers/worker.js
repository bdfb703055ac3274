/* bench/workers: Pagefind (noWorker) inside a module worker, one shard or several per worker.
   Not part of the site: an experiment that measures whether the shards searched in parallel
   workers give the first results sooner (see bench/workers/run.py). */
let pf = null;
const handlers = {
  async init(bundle, primary, baseUrl, shards) {
    // a shard folder has no WebAssembly of its own: take the bundle's
    const realFetch = self.fetch.bind(self);
    self.fetch = (input, init) => {
      const m = String(input).match(/\/(wasm\.[^/]*\.pagefind)$/);
      return realFetch(m ? bundle + m[1] : input, init);
    };
    pf = await import(bundle + "pagefind.js");
    await pf.options({ basePath: primary, baseUrl, noWorker: true });
    shards.forEach((s) => pf.mergeIndex(s, { baseUrl }));
    return true;
  },
  async preload(term) { await pf.preload(term, {}); return true; },
  async search(term) {
    const t0 = performance.now();
    const s = await pf.search(term, {});
    return { n: s.results.length, ms: performance.now() - t0 };
  },
};
self.onmessage = async (e) => {
  const { id, method, args } = e.data;
  try { self.postMessage({ id, result: await handlers[method](...args) }); }
  catch (err) { self.postMessage({ id, error: String((err && err.stack) || err) }); }
};
