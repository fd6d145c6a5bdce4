export const greeting: string = "hello from @vs/greeting";

export function spaSays(): string {
  return `spa: ${greeting}`;
}
