import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "server/db/generated/", "test-results/", "playwright-report/", "next-env.d.ts", "extension/dist/"] },
  js.configs.recommended,
  { files: ["**/*.mjs", "**/*.js"], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The room's client code: a schema module brings zod into the browser (docs/performance.md, the room's first-load JS).
    files: ["app/parties/\\[id\\]/room/**/*.ts", "app/parties/\\[id\\]/room/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["zod", "**/*.types"], allowTypeImports: true, message: "Take values from a module without schemas (types only from a .types.ts): a schema module brings zod into the room's JavaScript." }] },
      ],
    },
  },
  {
    // The fence around server/ (issue 22): code that runs in the browser or the extension takes values only
    // from shared/ (pure, no I/O) and types from server/. Server components, route handlers and the server-side
    // helpers of app/_components may use server/.
    files: ["app/**/*.ts", "app/**/*.tsx", "extension/**/*.ts", "shared/**/*.ts"],
    ignores: ["app/**/route.ts", "app/**/page.tsx", "app/**/layout.tsx", "app/**/not-found.tsx", "app/_components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // Two constants still live beside server types: the reactions and a round's bounds (no I/O in either module).
              regex: "^(@/|(\\.\\./)+)server/(?!room/room$|trivia/trivia$)",
              allowTypeImports: true,
              message: "Browser and extension code takes values from shared/ only (types from server/ are fine): move pure code to shared/.",
            },
            { group: ["zod", "**/*.types"], allowTypeImports: true, message: "Take values from a module without schemas (types only from a .types.ts): a schema module brings zod into the browser." },
            // The extension and shared/ never reach into the app's pages: what both use lives in shared/.
            { regex: "^(@/|(\\.\\./)+)app/", message: "Code the app and the extension share lives in shared/." },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
);
