import { type Fields, type Level, formatLine, formatPretty } from "./format";

export { LOGGER_VERSION } from "./version";
export type { Fields, Level } from "./format";

const order: Level[] = ["debug", "info", "warn", "error"];

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export interface LoggerOptions {
  level?: Level;
  pretty?: boolean;
  write?: (line: string) => void;
}

export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const min = order.indexOf(options.level ?? "info");
  const pretty = options.pretty ?? false;
  const write = options.write ?? ((line: string) => process.stdout.write(line + "\n"));

  const log = (level: Level) => (msg: string, fields?: Fields) => {
    if (order.indexOf(level) < min) return;
    write(pretty ? formatPretty(level, name, msg) : formatLine(level, name, msg, fields));
  };

  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
