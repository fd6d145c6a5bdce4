import pc from "picocolors";

export type Level = "debug" | "info" | "warn" | "error";

export type Fields = Record<string, string | number | boolean | null | undefined>;

const colors: Record<Level, (s: string) => string> = {
  debug: pc.gray,
  info: pc.cyan,
  warn: pc.yellow,
  error: pc.red,
};

/** One JSON object per line, the shape log collectors expect. */
export function formatLine(level: Level, name: string, msg: string, fields: Fields = {}): string {
  return JSON.stringify({ level, name, msg, ...fields });
}

/** A short coloured line for a terminal. */
export function formatPretty(level: Level, name: string, msg: string): string {
  return `${colors[level](level.padEnd(5))} ${pc.bold(name)} ${msg}`;
}
