import { uiSays } from "@ns/ui";

export default function Page() {
  return <main>{uiSays()}</main>;
}
