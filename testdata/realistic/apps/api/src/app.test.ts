import { createLogger } from "@realistic/logger";
import request from "supertest";

import { createApp } from "./app";
import { readEnv } from "./env";

const app = createApp(readEnv({ NODE_ENV: "test" }), createLogger("test", { write: () => {} }));

describe("api", () => {
  it("answers GET / with the logger version", async () => {
    const res = await request(app).get("/");
    expect(res.status).toBe(200);
    expect(res.text).toBe("api logger@1.2.0 ok");
  });

  it("rejects an empty echo", async () => {
    const res = await request(app).post("/echo").send({ message: "" });
    expect(res.status).toBe(400);
  });
});
