export function greeting() {
  return 'hello from @sk/greeting';
}
