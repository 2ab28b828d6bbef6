// Lint rules that matter here; type-checking is `tsc --noEmit` (npm run lint runs both).
import tseslint from "typescript-eslint";

const ROOT_IMPORT_MESSAGE =
  "Import each resource from @cdktf/provider-aws/lib/<resource>: the package root costs seconds and ~500 MB.";

export default tseslint.config(
  { ignores: ["dist/**", "cdktf.out/**", "node_modules/**", "coverage/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@cdktf/provider-aws", message: ROOT_IMPORT_MESSAGE }] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value='@cdktf/provider-aws']",
          message: ROOT_IMPORT_MESSAGE,
        },
        {
          selector: "ImportExpression[source.value='@cdktf/provider-aws']",
          message: ROOT_IMPORT_MESSAGE,
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
