module.exports = {
  root: true,
  extends: ["@realistic/eslint-config"],
};
