import { createLogger, LOGGER_VERSION } from "./index";

describe("createLogger", () => {
  it("writes JSON lines at or above the level", () => {
    const lines: string[] = [];
    const log = createLogger("test", { level: "warn", write: (l) => lines.push(l) });
    log.info("hidden");
    log.warn("shown", { code: 7 });
    expect(lines).toEqual(['{"level":"warn","name":"test","msg":"shown","code":7}']);
  });

  it("names its version", () => {
    expect(LOGGER_VERSION).toBe("logger@1.2.0");
  });
});
