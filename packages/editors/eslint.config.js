import base from "@taskforge/eslint-config/base";

export default base;
