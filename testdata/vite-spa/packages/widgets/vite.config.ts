import { defineConfig } from "vite";

// Library mode: index.html is only a dev playground, not an app.
export default defineConfig({
  build: {
    lib: { entry: "src/index.ts", formats: ["es"], fileName: "widgets" },
  },
});
