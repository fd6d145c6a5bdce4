export function greeting(): string {
  return "hello from @nx/greeting";
}
