// Shared by app1 and app2. Both answer with this value, so an image that
// lacks common's dist/ (or links a stale copy) fails visibly.
export const commonValue = "common-v1";
