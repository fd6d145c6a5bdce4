// Answers with what the private package says, so a test sees it came from
// the private registry, and with the output of a public package.
const http = require("node:http");
const greet = require("@acme/greeting");
const ms = require("ms");

const body = `${greet("app")}, ms ${ms(60000)}`;
http.createServer((req, res) => res.end(body)).listen(Number(process.env.PORT || 8000));
