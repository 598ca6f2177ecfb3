import base from "@taskforge/eslint-config/base";
import reactHooks from "eslint-plugin-react-hooks";

export default [
  ...base,
  // The Rules of React for components and hooks: the Rules of Hooks, effects and callbacks that
  // name everything they read, pure renders.
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
];
