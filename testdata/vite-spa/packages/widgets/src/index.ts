export function badge(label: string): string {
  return `[${label}]`;
}
