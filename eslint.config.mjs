import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

const eslintConfig = [
  ...coreWebVitals,
  ...typescript,
  {
    ignores: [
      "**/.next/**",
      "bench/peer/node_modules/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "e2e/.auth/**",
      "next-env.d.ts",
    ],
  },
];

export default eslintConfig;
