import base from "@taskforge/eslint-config/base";
import reactHooks from "eslint-plugin-react-hooks";

export default [
  ...base,
  // The Rules of Hooks, and effects and callbacks that name everything they read. (The React
  // Compiler's rules of the recommended set are not on yet: the canvas and WebGL editors write refs
  // and measure the DOM during render on purpose.)
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
];
