import { greeting } from '@sk/greeting';

export function load() {
	return { greeting: greeting() };
}
