export default function Home() {
  return <h1 id="page">home rendered at build time</h1>;
}
