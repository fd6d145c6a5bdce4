import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// pages not prerendered (/about) are rendered in the browser from 200.html
		adapter: adapter({ fallback: '200.html' })
	}
};

export default config;
