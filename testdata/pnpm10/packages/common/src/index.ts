export const commonValue = "common-pnpm10";
