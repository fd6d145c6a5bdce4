import { greeting } from '@sk/greeting';
import ms from 'ms';

export function GET() {
	return new Response(`node says: ${greeting()} ${ms(60000)}`, {
		headers: { 'content-type': 'text/plain' }
	});
}
