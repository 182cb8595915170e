// jsdom leaves out a few web globals that react-router touches when its
// modules load; Node has standard implementations of the same APIs.
const { TextDecoder, TextEncoder } = require("node:util");

globalThis.TextEncoder ??= TextEncoder;
globalThis.TextDecoder ??= TextDecoder;
