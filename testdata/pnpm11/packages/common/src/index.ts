export const commonValue = "common-pnpm11";
