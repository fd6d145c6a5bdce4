// vitest, not jest: fastify's light-my-request pulls in cookie 2, which is
// ESM-only, and jest 29 cannot require it.
import { createLogger } from "@realistic/logger";
import { describe, expect, it } from "vitest";

import { buildApp } from "./app";

describe("admin", () => {
  it("renders the index page", async () => {
    const app = buildApp(createLogger("test", { write: () => {} }));
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<li>ui@0.4.0</li><li>logger@1.2.0</li>");
    await app.close();
  });
});
