import { greeting } from "@nx/greeting";

export default defineEventHandler(() => `nitro says: ${greeting()}`);
