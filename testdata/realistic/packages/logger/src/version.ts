// Kept in step with package.json by the release script; the services print
// it so a response shows which logger build is inside the image.
export const LOGGER_VERSION = "logger@1.2.0";
