export function greeting() {
  return 'hello from @as/greeting';
}
