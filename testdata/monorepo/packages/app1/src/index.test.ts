// Test-only file: the build excludes it (tsconfig "exclude"), and it must
// never reach an app1 image.
import { test } from "node:test";
import assert from "node:assert/strict";
import { commonValue } from "common";

test("app1 uses the shared value", () => {
  assert.equal(commonValue, "common-v1");
});
