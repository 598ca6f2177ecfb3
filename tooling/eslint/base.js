// Shared flat config: typed typescript-eslint rules for every package.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/.next/**", "**/generated/**", "**/.cache/**", "**/*.config.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  // Configuration is read in one place and validated at start-up: `config()` of @taskforge/api
  // (packages/api/src/config.ts). Nothing else reads process.env, so no variable escapes validation.
  {
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message:
            "Read configuration through config() from @taskforge/api (packages/api/src/config.ts): it is validated at start-up.",
        },
      ],
    },
  },
  // Exempt: tests and their helpers give the processes they start an environment of their own;
  // scripts (build steps, start-up wrappers) pass the environment on to what they run.
  {
    files: [
      "**/*.test.ts",
      "**/*.test.tsx",
      "**/test/**",
      "**/e2e/**",
      "**/testing/**",
      "**/testing.ts",
      "**/scripts/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  // Tests read JSON bodies of HTTP responses freely; production code may not.
  {
    files: ["**/*.test.ts", "**/test/**/*.ts", "**/e2e/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  // Plain JavaScript scripts are not part of a TypeScript project.
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
