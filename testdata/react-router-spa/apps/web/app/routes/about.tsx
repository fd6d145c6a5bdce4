export default function About() {
  return <h1 id="page">about rendered in the browser</h1>;
}
