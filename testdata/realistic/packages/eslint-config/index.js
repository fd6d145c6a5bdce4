/** @type {import("eslint").Linter.Config} */
module.exports = {
  parser: "@typescript-eslint/parser",
  parserOptions: { ecmaVersion: 2022, sourceType: "module" },
  env: { node: true, es2022: true },
  plugins: ["@typescript-eslint", "import"],
  extends: [
    "eslint:recommended",
    "plugin:@typescript-eslint/recommended",
    "plugin:import/recommended",
    "plugin:import/typescript",
    "prettier",
  ],
  settings: {
    "import/resolver": { node: { extensions: [".js", ".ts"] } },
  },
  rules: {
    "import/order": ["warn", { "newlines-between": "always", alphabetize: { order: "asc" } }],
    "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
  },
  overrides: [
    {
      files: ["**/*.test.ts"],
      plugins: ["jest"],
      extends: ["plugin:jest/recommended"],
      env: { jest: true },
    },
  ],
  ignorePatterns: ["dist/", "coverage/", "*.config.ts", "*.config.js", ".eslintrc.js"],
};
