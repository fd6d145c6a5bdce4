export const message = "hello from @ns/ui";

export function uiSays() {
  return `ui says: ${message}`;
}
