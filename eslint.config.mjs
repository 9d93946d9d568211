// Lint: typescript-eslint's syntax-only recommended rules (no type information, so it stays fast), with the house rules
// as errors: no explicit `any`, no non-null assertion `!`. Formatting is prettier's job (`prettier --check`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "bin/", ".cache/", "tests/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      // `cond && act()` and `a ? f() : g()` as statements are the house style of the review engine.
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // A leading underscore marks a binding kept on purpose (a destructured key left out, a parameter a signature needs).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Plain CommonJS scripts run by node (bench/exitStats.js is preloaded with `node -r`).
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", process: "readonly", module: "writable", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Specs may assert presence with `!`: a wrong guess fails the spec with a TypeError, which is what a spec is for.
    // They load the program with require(), after tests/helpers/setup.ts has installed the fake cloud.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-non-null-asserted-optional-chain": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
