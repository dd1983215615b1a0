import { defineConfig } from "vitest/config";

// Tests run against the TypeScript sources: every workspace package lists a
// "development" export condition pointing at src/, named here.
export default defineConfig({
  resolve: { conditions: ["development"] },
  ssr: { resolve: { conditions: ["development"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 60000,
    hookTimeout: 120000,
  },
});
