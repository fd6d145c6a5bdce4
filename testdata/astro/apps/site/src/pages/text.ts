import type { APIRoute } from 'astro';
import { greeting } from '@as/greeting';

export const GET: APIRoute = () =>
  new Response(`server says: ${greeting()}`, { headers: { 'content-type': 'text/plain' } });
