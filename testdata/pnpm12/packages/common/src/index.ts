export const commonValue = "common-pnpm12";
