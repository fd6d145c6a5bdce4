import { defineConfig } from "tsup";

// One CommonJS bundle of src/ (tests are not entries, so they never reach
// dist/). Dependencies, @realistic/logger included, stay external and are
// loaded from node_modules at run time.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["cjs"],
  target: "node20",
  clean: true,
});
