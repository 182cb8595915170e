// ts-jest, plus one fix-up for ESM-only dependencies: `import.meta` cannot
// exist in the CommonJS that Jest runs. react-router only reads
// `import.meta.hot` (Vite HMR), which is absent under Jest anyway.
const { TsJestTransformer } = require("ts-jest");

class EsmAwareTransformer extends TsJestTransformer {
  process(source, path, options) {
    return super.process(this.#strip(source, path), path, options);
  }

  async processAsync(source, path, options) {
    return super.processAsync(this.#strip(source, path), path, options);
  }

  getCacheKey(source, path, options) {
    return super.getCacheKey(this.#strip(source, path), path, options);
  }

  #strip(source, path) {
    return path.includes("/node_modules/") ? source.replace(/\bimport\.meta\.hot\b/g, "undefined") : source;
  }
}

module.exports = {
  createTransformer: (config) => new EsmAwareTransformer(config),
};
