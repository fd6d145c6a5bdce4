export const commonValue = "common-pnpm9";
